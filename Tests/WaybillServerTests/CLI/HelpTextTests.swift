import Foundation
import Testing

/// `--help` of every command reads well at any terminal width. ArgumentParser wraps each line of
/// a discussion at the terminal width, so a paragraph must be one line (it is then wrapped between
/// words), and a preformatted line (indented: tables of variables, endpoints) must fit in 80
/// columns, or it is broken mid-sentence.
@Suite struct HelpTextTests {
    /// `[]` for `waybill`, `["keys", "create"]` for `waybill keys create`, ...: every command, found
    /// from the SUBCOMMANDS section of its parent's help.
    static func commands(under parent: [String] = []) throws -> [[String]] {
        let help = try WaybillProcess.run(parent + ["--help"], environment: ["COLUMNS": "1000"]).output
        guard let section = help.components(separatedBy: "SUBCOMMANDS:\n").dropFirst().first else { return [parent] }
        let names = section.split(separator: "\n").prefix { $0.hasPrefix("  ") && !$0.hasPrefix("  See ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        return try [parent] + names.flatMap { try commands(under: parent + [$0]) }
    }

    @Test(.enabled(if: WaybillProcess.isBuilt, "needs the built waybill executable"))
    func paragraphsAreWrappedByTheTerminalAndTablesFitIn80Columns() throws {
        let commands = try Self.commands()
        #expect(commands.contains(["serve"]) && commands.contains(["tenants", "list"]) && commands.contains(["bench", "store"]))
        for command in commands {
            let help = try WaybillProcess.run(command + ["--help"], environment: ["COLUMNS": "1000"]).output
            // The overview and discussion: what the command's own strings hold.
            let lines = (help.components(separatedBy: "\nUSAGE:").first ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            let name = (["waybill"] + command).joined(separator: " ")
            for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !line.hasPrefix(" ") {
                #expect(next.isEmpty || next.hasPrefix(" "), "\(name): a paragraph is broken by hand after \"\(line)\"")
            }
            for line in lines where line.hasPrefix(" ") {
                #expect(line.count < 80, "\(name): \(line.count) columns: \(line)")
            }
        }
    }
}
