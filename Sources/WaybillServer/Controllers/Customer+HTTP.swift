import WaybillCore

/// The `customer` of a shipment or order request.
struct CustomerRequest: Decodable, Sendable {
    var email: String?
    var locale: String?
    var phone: String?
    var postalCode: String?
    var timeZone: String?

    enum CodingKeys: String, CodingKey {
        case email, locale, phone
        case postalCode = "postal_code"
        case timeZone = "time_zone"
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        email = try fields.optionalText(.email, maxLength: 320)
        locale = try fields.optionalText(.locale, maxLength: 35)
        phone = try fields.optionalText(.phone, maxLength: 64)
        postalCode = try fields.optionalText(.postalCode, maxLength: 32)
        timeZone = try fields.optionalText(.timeZone, maxLength: 64)
    }

    /// The customer, checked: an email address, an IANA zone, a BCP 47 tag; the email lower-cased.
    func customer() throws -> Customer {
        var customer = Customer(email: email.nonBlank, phone: phone.nonBlank, postalCode: postalCode.nonBlank,
                                locale: locale.nonBlank, timeZone: timeZone.nonBlank)
        if let email = customer.email, !Customer.isEmailAddress(email) {
            throw InvalidField(path: "customer.email", reason: "must be an email address")
        }
        if let zone = customer.timeZone, !Customer.isTimeZone(zone) {
            throw InvalidField(path: "customer.time_zone", reason: "must be an IANA time zone such as Europe/Paris; got \"\(zone)\"")
        }
        if let locale = customer.locale, !Customer.isLanguageTag(locale) {
            throw InvalidField(path: "customer.locale", reason: "must be a BCP 47 language tag such as fr-FR; got \"\(locale)\"")
        }
        customer.email = customer.email?.lowercased()
        return customer
    }
}

/// The `customer` of a shipment or order answer.
struct CustomerResponse: Encodable, Sendable {
    let email: String?
    let phone: String?
    let postalCode: String?
    let locale: String?
    let timeZone: String?

    enum CodingKeys: String, CodingKey {
        case email, phone, locale
        case postalCode = "postal_code"
        case timeZone = "time_zone"
    }

    /// `masked`: as a role without access to personal data sees it (`PersonalDataMask`).
    init(_ customer: Customer, masked: Bool) {
        email = masked ? customer.email.map(PersonalDataMask.email) : customer.email
        phone = masked ? customer.phone.map(PersonalDataMask.phone) : customer.phone
        postalCode = masked ? customer.postalCode.map(PersonalDataMask.postalCode) : customer.postalCode
        locale = customer.locale
        timeZone = customer.timeZone
    }
}
