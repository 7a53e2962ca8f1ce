import Foundation
import Logging
import ServiceLifecycle
import WaybillIngest
import WaybillStore

extension ServerConfiguration {
    /// The landing-directory watcher, when a landing directory is configured.
    func fileServices(pipeline: IngestPipeline, store: any Store, logger: Logger) -> [any Service] {
        guard let landingDirectory else { return [] }
        return [LandingDirectoryWatcher(root: URL(fileURLWithPath: landingDirectory), importer: FileImporter(pipeline: pipeline),
                                        store: store, logger: logger)]
    }
}
