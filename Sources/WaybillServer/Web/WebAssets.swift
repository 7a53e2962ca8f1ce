import Crypto
import Foundation
import Mustache

/// The customer pages' templates, stylesheet and scripts of `Resources/web`, compiled in.
enum WebAssets {
    /// The files of `Resources/web` by name.
    private static var names: [String] {
        EmbeddedResources.paths(under: "web/").map { String($0.dropFirst("web/".count)) }
    }

    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for name in names where name.hasSuffix(".mustache") {
            guard let text = EmbeddedResources.text("web/" + name) else { continue }
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                assertionFailure("template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    /// A static file served under `/assets/`.
    struct File: Sendable {
        var contentType: String
        var data: Data
        var etag: String
    }

    static let files: [String: File] = {
        var files: [String: File] = [:]
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"]
        for name in names {
            guard let type = types[String(name.split(separator: ".").last ?? "")],
                  let data = EmbeddedResources.data("web/" + name) else { continue }
            let digest = SHA256.hash(data: data).prefix(8).map { String(format: "%02x", $0) }.joined()
            files[name] = File(contentType: type, data: data, etag: "\"\(digest)\"")
        }
        return files
    }()

    /// Changes whenever a stylesheet or script changes: appended to asset URLs so they can be cached long.
    static let version: String = {
        let joined = files.keys.sorted().map { files[$0]!.etag }.joined()
        return SHA256.hash(data: Data(joined.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
    }()

    static func render(_ template: String, _ object: Any) -> String {
        library.render(object, withTemplate: template) ?? ""
    }
}
