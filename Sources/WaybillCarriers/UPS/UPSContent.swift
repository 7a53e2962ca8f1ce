/// Whether a field of a UPS body carries anything (`signature`, `pod`: base64 images, or
/// objects holding them). UPS sends the images themselves; Waybill records only which exist.
///
/// Present means: a non-blank string, a number, a boolean, an array, or an object with at least
/// one present value; null and blank strings are absent. Decoded without building a `JSONValue`,
/// which tries each JSON type in turn and pays a thrown error for each wrong guess.
struct UPSContent: Decodable {
    var isPresent: Bool

    init(from decoder: any Decoder) throws {
        isPresent = try UPSPresence.of(decoder)
    }
}

/// `deliveryPhoto`: the `photo` member of the object when it has one, else the whole value.
struct UPSPhoto: Decodable {
    var isPresent: Bool

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: UPSPresence.Key.self), object.contains(UPSPresence.Key.photo) {
            isPresent = try UPSPresence.of(object, UPSPresence.Key.photo)
        } else {
            isPresent = try UPSPresence.of(decoder)
        }
    }
}

enum UPSPresence {
    struct Key: CodingKey {
        static let photo = Key(stringValue: "photo")
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Objects are tried first: they are the usual shape.
    static func of(_ decoder: any Decoder) throws -> Bool {
        if let object = try? decoder.container(keyedBy: Key.self) {
            return try object.allKeys.contains { try of(object, $0) }
        }
        let value = try decoder.singleValueContainer()
        if value.decodeNil() { return false }
        if let text = try? value.decode(String.self) { return CarrierText.clean(text) != nil }
        return true
    }

    /// Strings are tried first: they are the usual member (`"image": "<base64>"`).
    static func of(_ object: KeyedDecodingContainer<Key>, _ key: Key) throws -> Bool {
        if try object.decodeNil(forKey: key) { return false }
        if let text = try? object.decode(String.self, forKey: key) { return CarrierText.clean(text) != nil }
        if let nested = try? object.nestedContainer(keyedBy: Key.self, forKey: key) {
            return try nested.allKeys.contains { try of(nested, $0) }
        }
        return true
    }
}
