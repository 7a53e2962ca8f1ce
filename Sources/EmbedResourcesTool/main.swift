import Foundation

// EmbedResourcesTool RESOURCES_FOLDER OUTPUT.swift
//
// Writes a Swift file holding every file under RESOURCES_FOLDER as a base64 string literal, keyed
// by its path relative to the folder. Base64 strings, because byte-array literals of this size
// take the compiler minutes to type-check.

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: EmbedResourcesTool RESOURCES_FOLDER OUTPUT.swift\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1]).resolvingSymlinksInPath()
let output = URL(fileURLWithPath: arguments[2])

var entries: [(path: String, base64: String)] = []
if let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) {
    for case let url as URL in enumerator {
        let file = url.resolvingSymlinksInPath()
        guard try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
        let path = String(file.path.dropFirst(root.path.count + 1))
        entries.append((path, try Data(contentsOf: file).base64EncodedString()))
    }
}
entries.sort { $0.path < $1.path }

func literal(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

var source = """
    // Generated at build time by the EmbedResources plugin from this target's Resources folder. Do not edit.
    import Foundation

    /// The files of this target's `Resources` folder, compiled in.
    enum EmbeddedResources {
        /// The bytes of the file at `path`, relative to `Resources` (e.g. "web/waybill.css").
        static func data(_ path: String) -> Data? {
            base64[path].flatMap { Data(base64Encoded: $0) }
        }

        /// The text of the file at `path`, relative to `Resources`.
        static func text(_ path: String) -> String? {
            data(path).map { String(decoding: $0, as: UTF8.self) }
        }

        /// The paths of the files in `folder` and its subfolders (e.g. "web/"), sorted.
        static func paths(under folder: String) -> [String] {
            base64.keys.filter { $0.hasPrefix(folder) }.sorted()
        }

        private static let base64: [String: String] = [

    """
for entry in entries {
    source += "        \(literal(entry.path)): \(literal(entry.base64)),\n"
}
if entries.isEmpty { source += "        :\n" }
source += "    ]\n}\n"

do {
    try source.write(to: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("EmbedResourcesTool: cannot write \(output.path): \(error)\n".utf8))
    exit(1)
}
