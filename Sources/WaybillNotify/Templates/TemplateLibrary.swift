import Foundation
import Mustache
import WaybillCore

/// The notification templates of `Resources/templates`, parsed once: per language and template,
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

    static let bundled: Result<TemplateLibrary, TemplateError> = {
        guard let root = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") else {
            return .failure(.notFound("the bundled templates directory"))
        }
        do {
            return .success(try TemplateLibrary(directory: root))
        } catch let error as TemplateError {
            return .failure(error)
        } catch {
            return .failure(.invalid("templates: \(error)"))
        }
    }()

    init(directory: URL) throws {
        let files = FileManager.default
        func compile(_ source: String, name: String) throws -> MustacheTemplate {
            do {
                return try MustacheTemplate(string: source)
            } catch {
                throw TemplateError.invalid("\(name): \(error)")
            }
        }
        var sections: [String: [String: [String: Section]]] = [:]
        for language in try files.contentsOfDirectory(atPath: directory.path).sorted() {
            let folder = directory.appendingPathComponent(language)
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for file in try files.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".mustache") {
                let template = String(file.dropLast(".mustache".count))
                let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for (section, body) in Self.split(source) {
                    let name = "\(language)/\(template)#\(section)"
                    sections[language, default: [:]][template, default: [:]][section] = Section(
                        html: try compile(body, name: name), text: try compile("{{% CONTENT_TYPE: TEXT}}" + body, name: name))
                }
            }
        }
        self.sections = sections
        let text = try String(contentsOf: directory.appendingPathComponent("layout.email.text.mustache"), encoding: .utf8)
        let html = try String(contentsOf: directory.appendingPathComponent("layout.email.html.mustache"), encoding: .utf8)
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
