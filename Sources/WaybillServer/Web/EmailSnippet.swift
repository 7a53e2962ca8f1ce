import Foundation
import WaybillCore
import WaybillStore

/// The email-safe status block: table layout, inline CSS, no script, absolute links, and a
/// status image. Notification emails can embed it as is.
enum EmailSnippet {
    static func render(shipment: Shipment, events: [StoredEvent], language: Language, branding: Branding?,
                       publicBaseURL: String, now: Date) -> String {
        let view = ShipmentView(shipment: shipment, events: events, language: language, now: now)
        let primary = branding?.primaryColor.flatMap { BrandingRules.isColor($0) ? $0 : nil } ?? "#1d4ed8"
        let text = branding?.textColor.flatMap { BrandingRules.isColor($0) ? $0 : nil } ?? "#1f2937"
        let url = publicBaseURL + "/t/" + shipment.publicToken + "?lang=" + language.rawValue
        let image = publicBaseURL + "/t/" + shipment.publicToken + "/status.png"
        let messages = language.messages
        func e(_ value: String) -> String { HTMLEscape.escape(value) }
        var html = """
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;font-family:Arial,Helvetica,sans-serif;color:\(text);border:1px solid #d1d5db;border-radius:6px" lang="\(language.rawValue)" dir="\(language.isRightToLeft ? "rtl" : "ltr")">
            <tr><td style="padding:16px">
            <p style="margin:0 0 4px;font-size:20px;font-weight:bold;color:\(primary)">\(e(view.statusText))</p>
            """
        if let sub = view.substatusText { html += "<p style=\"margin:0 0 8px;color:#4b5563\">\(e(sub))</p>" }
        html += "<img src=\"\(e(image))\" width=\"480\" height=\"24\" alt=\"\(e(view.statusText))\" style=\"display:block;width:100%;max-width:480px;height:auto;border:0;margin:8px 0\">"
        if let action = view.action {
            html += "<p style=\"margin:8px 0;color:#b91c1c;font-weight:bold\">\(e(action.label)): \(e(action.text))</p>"
        }
        if let eta = view.eta {
            html += "<p style=\"margin:8px 0\">\(e(eta.label)): <strong>\(e(eta.text))</strong>"
            if eta.late { html += " <span style=\"color:#b91c1c;font-weight:bold\">\(e(eta.lateLabel))</span>" }
            html += "</p>"
        }
        html += "<p style=\"margin:8px 0\">\(e(view.nextStep))</p>"
        html += "<p style=\"margin:8px 0;color:#4b5563;font-size:13px\">\(e(view.trackingNumberLabel)): \(e(view.trackingNumber))</p>"
        html += "<p style=\"margin:16px 0 0\"><a href=\"\(e(url))\" style=\"background:\(primary);color:#ffffff;padding:10px 16px;border-radius:4px;text-decoration:none;display:inline-block\">\(e(messages.text(.viewDetails)))</a></p>"
        html += "</td></tr></table>"
        return html
    }
}

enum HTMLEscape {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
