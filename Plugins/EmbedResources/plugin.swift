import Foundation
import PackagePlugin

/// Compiles a target's `Resources` folder into the target as one generated Swift file
/// (`EmbeddedResources`), so the `waybill` executable needs no resource bundle beside it and runs
/// from any folder. The files in `Resources` stay the source of truth; nothing generated is committed.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let resources = target.directoryURL.appending(path: "Resources")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        return [.buildCommand(
            displayName: "Embedding the resources of \(target.name)",
            executable: try context.tool(named: "EmbedResourcesTool").url,
            arguments: [resources.path, output.path],
            // Every file, so that editing, adding or removing one runs the command again.
            inputFiles: try Self.files(under: resources),
            outputFiles: [output])]
    }

    static func files(under folder: URL) throws -> [URL] {
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }
}
