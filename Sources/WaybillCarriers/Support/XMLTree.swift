import WaybillCore
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
        let trimmed = node?.text.trimmed ?? ""
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
        let parser = XMLParser(data: withoutLeadingNoise(try utf8(data, carrier: carrier)))
        // Elements are matched by local name (the builder drops prefixes); URIs are not needed.
        parser.shouldProcessNamespaces = false
        parser.delegate = builder
        guard parser.parse(), builder.problem == nil, builder.stack.isEmpty, let root = builder.root else {
            if let problem = builder.problem ?? builder.stack.last.map({ "element <\($0.name)> is not closed" }) {
                throw CarrierParseError(carrier: carrier, location: "line \(parser.lineNumber), column \(parser.columnNumber)",
                                        reason: "malformed XML: \(problem)")
            }
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "not an XML document"
            throw CarrierParseError(carrier: carrier, location: "line \(parser.lineNumber), column \(parser.columnNumber)",
                                    reason: "malformed XML: \(reason)")
        }
        return root
    }

    /// The document without a byte-order mark or whitespace before its first `<`: an XML
    /// declaration must be the very first thing, and carriers' bodies are not always so strict.
    static func withoutLeadingNoise(_ data: Data) -> Data {
        var start = data.startIndex
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        while start < data.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(data[start]) { start += 1 }
        return start == data.startIndex ? data : Data(data[start...])
    }

    /// The document as UTF-8. FoundationXML traps on names and values that are not valid UTF-8
    /// (found by the mutation test), so bytes are checked first; a Latin-1 document that says so
    /// in its declaration is converted.
    static func utf8(_ data: Data, carrier: String) throws(CarrierParseError) -> Data {
        guard let invalidByte = firstInvalidUTF8Byte(data) else { return data }
        let prolog = String(decoding: data.prefix(100), as: UTF8.self).lowercased()
        if prolog.contains("iso-8859-1") || prolog.contains("windows-1252") || prolog.contains("latin1"),
           let text = String(data: data, encoding: .isoLatin1) {
            let converted = text.replacingOccurrences(of: #"encoding=["'][^"']*["']"#, with: #"encoding="UTF-8""#,
                                                      options: .regularExpression)
            return Data(converted.utf8)
        }
        throw CarrierParseError(carrier: carrier, location: "byte \(invalidByte)", reason: "not valid UTF-8")
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil when all are.
    static func firstInvalidUTF8Byte(_ data: Data) -> Int? {
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLElementNode?
        var stack: [XMLElementNode] = []
        /// Set when the document breaks a rule the lenient parser lets through.
        var problem: String?

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
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            guard let open = stack.last, open.name == local else {
                problem = "closing </\(local)> does not match <\(stack.last?.name ?? "nothing")>"
                parser.abortParsing()
                return
            }
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
