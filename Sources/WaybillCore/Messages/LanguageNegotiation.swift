/// Parses `Accept-Language` headers.
enum LanguageNegotiation {
    /// Language tags of an `Accept-Language` header, best first (q-value, then position);
    /// tags with q=0 and the `*` wildcard are dropped.
    static func rankedTags(_ header: String) -> [String] {
        var ranked: [(tag: String, quality: Double, position: Int)] = []
        for (position, part) in header.split(separator: ",").prefix(32).enumerated() {
            let pieces = part.split(separator: ";")
            guard let first = pieces.first else { continue }
            let tag = String(first).trimmed
            guard !tag.isEmpty, tag != "*" else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() {
                let p = String(parameter).trimmed
                if p.hasPrefix("q=") || p.hasPrefix("Q=") {
                    quality = Double(p.dropFirst(2)) ?? 0
                }
            }
            guard quality > 0, quality <= 1 else { continue }
            ranked.append((tag, quality, position))
        }
        return ranked.sorted { $0.quality != $1.quality ? $0.quality > $1.quality : $0.position < $1.position }.map(\.tag)
    }
}
