import Foundation
import Mustache
import WaybillCore

/// Renders a notification template for one channel and language from `NotificationVariables`.
/// Email gets a subject, a text part and an HTML part (values HTML-escaped there, never in
/// text); SMS and in-app get text. A language without the template falls back to English.
public struct TemplateRenderer: Sendable {
    /// The templates the default rules use.
    public static let templateNames = ["shipped", "out_for_delivery", "delivered", "exception", "attempt_failed",
                                       "eta_changed", "stale", "eta_missed", "order_delivered"]

    private let library: TemplateLibrary

    /// The renderer of the templates bundled with Waybill.
    public init() throws(TemplateError) {
        library = try TemplateLibrary.bundled.get()
    }

    /// A renderer of the templates in `directory`, laid out as `Resources/templates` (see its README).
    public init(directory: URL) throws {
        library = try TemplateLibrary(directory: directory)
    }

    /// The templates available (every one has English; other languages fall back to it).
    public var availableTemplates: [String] { library.templateNames }

    public func render(template: String, channel: ChannelKind, variables: NotificationVariables) throws(TemplateError) -> RenderedMessage {
        let language = variables.language
        guard library.section("headline", of: template, language: language) != nil
                || library.section("sms", of: template, language: language) != nil else {
            throw .notFound("\(template) (known: \(library.templateNames.joined(separator: ", ")))")
        }
        let context = variables.context
        func text(_ section: String) -> String? {
            library.section(section, of: template, language: language).map { Self.tidy($0.text.render(context)) }
        }
        switch channel {
        case .email:
            let subject = Self.singleLine(text("subject") ?? text("headline") ?? "")
            var textContext = context
            var htmlContext = context
            textContext["headline"] = text("headline") ?? subject
            textContext["body"] = text("body") ?? ""
            textContext["labels"] = labels(language: language, context: context, html: false)
            htmlContext["subject"] = Self.escape(subject)
            htmlContext["headline"] = library.section("headline", of: template, language: language)
                .map { Self.tidy($0.html.render(context)) } ?? Self.escape(subject)
            htmlContext["body"] = library.section("body", of: template, language: language)
                .map { Self.tidy($0.html.render(context)).replacingOccurrences(of: "\n", with: "<br>") } ?? ""
            htmlContext["labels"] = labels(language: language, context: context, html: true)
            return RenderedMessage(subject: subject, text: Self.tidy(library.textLayout.render(textContext)),
                                   html: library.htmlLayout.render(htmlContext))
        case .sms:
            return RenderedMessage(text: Self.singleLine(text("sms") ?? text("headline") ?? ""))
        case .inApp, .webhook:
            return RenderedMessage(text: Self.singleLine(text("in_app") ?? text("headline") ?? ""))
        }
    }

    private func labels(language: Language, context: [String: Any], html: Bool) -> [String: String] {
        let names = ["greeting", "track", "eta", "carrier", "tracking_number", "order", "status", "next_step", "reason",
                     "location", "signed_by", "proof", "support", "footer"]
        var labels: [String: String] = [:]
        for name in names {
            guard let section = library.section(name, of: "_labels", language: language) else { continue }
            labels[name] = Self.tidy((html ? section.html : section.text).render(context))
        }
        return labels
    }

    /// Trims and collapses runs of blank lines left by empty sections.
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        var blank = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let isBlank = line.allSatisfy { $0 == " " || $0 == "\t" }
            blank = isBlank ? blank + 1 : 0
            if blank <= 1 { lines.append(isBlank ? "" : line) }
        }
        return lines.joined(separator: "\n").trimmed
    }

    static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { $0.trimmed }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
