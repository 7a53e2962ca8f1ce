import Foundation
import WaybillCarriers

/// The file formats a merchant or carrier drops or imports.
public enum FeedFileFormat: String, Sendable, CaseIterable, Codable {
    /// CSV of shipments to register (`CSVShipmentsReader`).
    case csvShipments = "csv_shipments"
    /// CSV of tracking events (`CSVEventsReader`).
    case csvEvents = "csv"
    case x12214 = "x12_214"
    case iftsta

    /// The carrier id the raw payload is stored under, so `reprocess` re-reads it with the same format.
    public var carrierID: String { rawValue }

    /// Detects the format from the content: X12 by its ISA header, EDIFACT by UNA/UNB, and a CSV
    /// by its header row (a `status` column makes it events, else shipments).
    public static func detect(_ data: Data) -> FeedFileFormat? {
        if X12214Format().sniff(data) > 0 { return .x12214 }
        if IFTSTAFormat().sniff(data) > 0 { return .iftsta }
        guard let header = CSVTable.records(data.prefix(8192)).first,
              header.fields.contains(where: { $0.lowercased().trimmed == "tracking_number" }) else { return nil }
        return header.fields.contains { $0.lowercased().trimmed == "status" } ? .csvEvents : .csvShipments
    }
}

/// Everything read from one file: what to store, and the report to give back.
public struct FeedFileRead: Sendable {
    public var format: FeedFileFormat
    /// Shipments to register (CSV of shipments only).
    public var shipmentsToRegister: [ShipmentRow]
    /// Shipments and their events (event formats only).
    public var result: CarrierParseResult
    /// Bad rows and segments, each with file, line or segment number and reason.
    public var issues: [String]
    /// Set when nothing in the file could be read at all.
    public var unreadable: String?
    /// One 997 per X12 interchange: (ISA13 answered, 997 text).
    public var acknowledgments: [(interchangeControlNumber: String, text: String)]
    /// Good records: shipment rows, or shipments with events.
    public var recordCount: Int {
        format == .csvShipments ? shipmentsToRegister.count : result.shipments.count
    }
}

/// Reads any supported file into shipments and events, with a report of what was skipped.
public enum FeedFileReader {
    public static func read(_ data: Data, fileName: String, format: FeedFileFormat? = nil) -> FeedFileRead {
        guard let format = format ?? FeedFileFormat.detect(data) else {
            return FeedFileRead(format: .csvEvents, shipmentsToRegister: [], result: CarrierParseResult(shipments: []), issues: [],
                                unreadable: "\(fileName): not a supported file (X12 214, EDIFACT IFTSTA, or CSV with a tracking_number column)",
                                acknowledgments: [])
        }
        let empty = CarrierParseResult(shipments: [])
        switch format {
        case .csvShipments:
            let (rows, report) = CSVShipmentsReader.read(data, fileName: fileName)
            return FeedFileRead(format: format, shipmentsToRegister: rows, result: empty, issues: report.lines,
                                unreadable: rows.isEmpty && !report.isClean ? report.lines.first : nil, acknowledgments: [])
        case .csvEvents:
            let (result, report) = CSVEventsReader.read(data, fileName: fileName)
            return FeedFileRead(format: format, shipmentsToRegister: [], result: result, issues: report.lines,
                                unreadable: result.shipments.isEmpty && !report.isClean ? report.lines.first : nil, acknowledgments: [])
        case .x12214:
            let read = X12Reader.read(data, fileName: fileName)
            return FeedFileRead(format: format, shipmentsToRegister: [], result: read.result,
                                issues: read.report.issues.map(\.description),
                                unreadable: read.report.unreadable?.description,
                                acknowledgments: read.acknowledgments.map { ($0.interchangeControlNumber, $0.text) })
        case .iftsta:
            do {
                let read = try IFTSTAReader.read(data, fileName: fileName)
                // The segment warnings are the report's lines (with the file name); only the
                // file-wide notices stay notices, so nothing is reported twice.
                let result = CarrierParseResult(shipments: read.result.shipments, notices: read.result.notices.filter { $0.path == nil })
                return FeedFileRead(format: format, shipmentsToRegister: [], result: result, issues: read.report.lines,
                                    unreadable: nil, acknowledgments: [])
            } catch {
                return FeedFileRead(format: format, shipmentsToRegister: [], result: empty, issues: [],
                                    unreadable: "\(fileName): \(error.description)", acknowledgments: [])
            }
        }
    }
}
