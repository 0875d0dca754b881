import Foundation
import PackagePlugin

/// Embeds the web pages' templates (`WebAssets/templates/*.mustache`), the stylesheet and the
/// script (`WebAssets/static/*`) into the target as Swift source, so `caseload serve` needs no
/// file beside the binary. Like EmbedMigrations, the folders are listed on every build.
@main
struct EmbedWebAssets: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "WebAssets")
        var files: [URL] = []
        for folder in ["templates", "static"] {
            files += try FileManager.default
                .contentsOfDirectory(at: root.appending(path: folder), includingPropertiesForKeys: nil)
                .filter { !$0.lastPathComponent.hasPrefix(".") }
        }
        files.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedWebAssets.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) web assets",
                executable: try context.tool(named: "WebAssetEmbedder").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
