import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML document as a small tree of elements named without namespace prefixes, enough
/// for carriers' XML (Canada Post, DHL XML-PI, DPD SOAP, USPS TrackV2).
public final class XMLElementNode: @unchecked Sendable {
    public let name: String
    public let attributes: [String: String]
    public fileprivate(set) var children: [XMLElementNode] = []
    public fileprivate(set) var text: String = ""
    /// The element's path from the root, for error messages (`TrackResponse/TrackInfo[0]`).
    public let path: String

    init(name: String, attributes: [String: String], path: String) {
        self.name = name
        self.attributes = attributes
        self.path = path
    }

    /// The first child with this (local) name.
    public func child(_ name: String) -> XMLElementNode? {
        children.first { $0.name == name }
    }

    public func children(_ name: String) -> [XMLElementNode] {
        children.filter { $0.name == name }
    }

    /// The trimmed text of the element at this child path, nil when absent or empty.
    public func text(_ path: String...) -> String? {
        var node: XMLElementNode? = self
        for name in path { node = node?.child(name) }
        let trimmed = node?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Every element below this one with this name, depth first.
    public func descendants(_ name: String) -> [XMLElementNode] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
    }
}

public enum XMLTree {
    /// Parses `data`; a malformed document is a `CarrierParseError` with the line and column.
    public static func parse(_ data: Data, carrier: String) throws(CarrierParseError) -> XMLElementNode {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "not an XML document"
            throw CarrierParseError(carrier: carrier, location: "line \(parser.lineNumber), column \(parser.columnNumber)",
                                    reason: "malformed XML: \(reason)")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLElementNode?
        var stack: [XMLElementNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            let parentPath = stack.last?.path
            let siblings = stack.last?.children.filter { $0.name == local }.count ?? 0
            let path = parentPath.map { "\($0)/\(local)" + (siblings > 0 ? "[\(siblings)]" : "") } ?? local
            let node = XMLElementNode(name: local, attributes: attributes, path: path)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}
