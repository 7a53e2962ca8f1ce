import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A benchmark whose port is taken fails at once with a message that says so, instead of waiting
/// forever for a server that will never listen.
@Suite struct BenchPortInUseTests {
    @Test(.enabled(if: WaybillProcess.isBuilt, "needs the built waybill executable"), arguments: [
        ["bench", "store", "--shipments", "2", "--events-per-shipment", "2", "--requests", "1"],
        ["bench", "ingest", "--payloads", "10"],
    ])
    func failsFastWhenItsPortIsTaken(arguments: [String]) throws {
        let listener = try Listener()
        defer { listener.close() }
        // The benchmark's own database goes in the temporary directory: this test's.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-bench-port-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let started = Date()
        let run = try WaybillProcess.run(arguments + ["--port", "\(listener.port)"], environment: ["TMPDIR": scratch.path], timeout: 60)
        let seconds = Date().timeIntervalSince(started)
        #expect(run.status != 0)
        #expect(seconds < 30, "took \(seconds) s")
        #expect(run.errors.contains("cannot listen on 127.0.0.1:\(listener.port)") && run.errors.contains("--port"), "\(run.errors)")
    }

    /// A socket listening on an ephemeral loopback port, held until closed.
    final class Listener {
        let descriptor: Int32
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
            let named = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
            guard descriptor >= 0, bound == 0, named == 0, listen(descriptor, 16) == 0 else { throw ListenerError() }
            self.descriptor = descriptor
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        func close() { _ = Glibc.close(descriptor) }

        struct ListenerError: Error {}
    }
}
