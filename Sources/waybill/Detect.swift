import ArgumentParser
import Foundation
import WaybillCore

/// `waybill detect NUMBER...`: which carriers and formats each tracking number fits, one JSON line per input.
struct Detect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recognise tracking numbers: ranked carrier and format candidates, check digit, tracking URL.",
        discussion: """
            Prints one JSON line per input, candidates most likely first (an empty list when no known format fits):

              {"input","normalized","candidates":[{"carrier","format","check_digit_valid",
               "confidence","tracking_url"}]}

            check_digit_valid is null for formats without a check digit. Spaces, dashes and lower case are accepted.
            """)

    @Argument(help: ArgumentHelp("Tracking numbers; - reads one per line from standard input.", valueName: "number"))
    var numbers: [String]

    func run() {
        for argument in numbers {
            if argument == "-" {
                while let line = readLine(strippingNewline: true) {
                    // Blank lines separate nothing worth a result; CR from CRLF files is not part of the input.
                    let input = line.hasSuffix("\r") ? String(line.dropLast()) : line
                    if input.allSatisfy(\.isWhitespace) { continue }
                    emit(input)
                }
            } else {
                emit(argument)
            }
        }
    }

    private func emit(_ input: String) {
        var line = TrackingNumberDetector.detect(input).jsonValue.encoded()
        line.append(UInt8(ascii: "\n"))
        FileHandle.standardOutput.write(line)
    }
}
