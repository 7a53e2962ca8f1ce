import Foundation
import Mustache
import WaybillCore

/// The notification templates (`Resources/templates`, compiled in), parsed once: per language and template,
/// named sections (`{{! @subject }}` lines start one), each compiled twice: HTML-escaping for the
/// HTML email and plain for text channels.
struct TemplateLibrary: Sendable {
    struct Section: Sendable {
        let html: MustacheTemplate
        let text: MustacheTemplate
    }

    /// language → template → section → compiled section
    let sections: [String: [String: [String: Section]]]
    let textLayout: MustacheTemplate
    let htmlLayout: MustacheTemplate

    /// The templates of `Resources/templates`, compiled in.
    static let bundled: Result<TemplateLibrary, TemplateError> = {
        let folder = "templates/"
        var files: [String: String] = [:]
        for path in EmbeddedResources.paths(under: folder) {
            files[String(path.dropFirst(folder.count))] = EmbeddedResources.text(path)
        }
        do {
            return .success(try TemplateLibrary(files: files))
        } catch let error as TemplateError {
            return .failure(error)
        } catch {
            return .failure(.invalid("templates: \(error)"))
        }
    }()

    /// The templates of a folder laid out as `Resources/templates` (see its README).
    init(directory: URL) throws {
        let manager = FileManager.default
        var files: [String: String] = [:]
        for name in try manager.contentsOfDirectory(atPath: directory.path) {
            let entry = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: entry.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                for file in try manager.contentsOfDirectory(atPath: entry.path) where file.hasSuffix(".mustache") {
                    files["\(name)/\(file)"] = try String(contentsOf: entry.appendingPathComponent(file), encoding: .utf8)
                }
            } else if name.hasSuffix(".mustache") {
                files[name] = try String(contentsOf: entry, encoding: .utf8)
            }
        }
        try self.init(files: files)
    }

    /// `files`: path → text, where `LANGUAGE/TEMPLATE.mustache` is a template in a language and
    /// the two `layout.email.*.mustache` at the top wrap every email.
    init(files: [String: String]) throws {
        func compile(_ source: String, name: String) throws -> MustacheTemplate {
            do {
                return try MustacheTemplate(string: source)
            } catch {
                throw TemplateError.invalid("\(name): \(error)")
            }
        }
        var sections: [String: [String: [String: Section]]] = [:]
        for (path, source) in files.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".mustache") {
            let parts = path.split(separator: "/")
            guard parts.count == 2 else { continue }
            let language = String(parts[0])
            let template = String(parts[1].dropLast(".mustache".count))
            for (section, body) in Self.split(source) {
                let name = "\(language)/\(template)#\(section)"
                sections[language, default: [:]][template, default: [:]][section] = Section(
                    html: try compile(body, name: name), text: try compile("{{% CONTENT_TYPE: TEXT}}" + body, name: name))
            }
        }
        self.sections = sections
        guard let text = files["layout.email.text.mustache"] else { throw TemplateError.notFound("layout.email.text.mustache") }
        guard let html = files["layout.email.html.mustache"] else { throw TemplateError.notFound("layout.email.html.mustache") }
        textLayout = try compile(text, name: "layout.email.text")
        htmlLayout = try compile(html, name: "layout.email.html")
    }

    /// The section of `template` in `language`, else in English.
    func section(_ name: String, of template: String, language: Language) -> Section? {
        sections[language.rawValue]?[template]?[name] ?? sections[MessageCatalog.fallback.rawValue]?[template]?[name]
    }

    /// Templates every language offers (those English has).
    var templateNames: [String] {
        (sections[MessageCatalog.fallback.rawValue] ?? [:]).keys.filter { !$0.hasPrefix("_") }.sorted()
    }

    /// Splits a file into sections at `{{! @name }}` lines; each body loses its final newline.
    static func split(_ source: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var current: String?
        var lines: [Substring] = []
        func flush() {
            if let current { result.append((current, lines.joined(separator: "\n"))) }
            lines = []
        }
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("{{! @"), trimmed.hasSuffix("}}") {
                flush()
                current = String(trimmed.dropFirst(5).dropLast(2)).trimmingCharacters(in: .whitespaces)
            } else {
                lines.append(line)
            }
        }
        flush()
        return result.map { ($0.0, $0.1.hasSuffix("\n") ? String($0.1.dropLast()) : $0.1) }
    }
}

public enum TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .notFound(let what): "template not found: \(what)"
        case .invalid(let reason): "invalid template: \(reason)"
        }
    }
}
