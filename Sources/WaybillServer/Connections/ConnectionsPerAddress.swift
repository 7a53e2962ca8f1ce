import Metrics
import NIOCore
import Synchronization
import WaybillCore

/// Counts open connections per client address, shared by every event loop of the server.
final class ConnectionsPerAddress: Sendable {
    private let limit: Int
    private let exempt: [IPRange]
    private let open = Mutex<[IPAddress: Int]>([:])

    init(limit: Int, exempt: [IPRange]) {
        self.limit = limit
        self.exempt = exempt
    }

    /// Counts a new connection against its client address until it closes; when the address is at
    /// its limit, closes it at once and throws.
    func admit(_ channel: any Channel) throws(ConnectionRefused) {
        guard let address = channel.remoteAddress?.ipAddress.flatMap(IPAddress.init) else { return }
        guard open(from: address) else {
            Counter(label: "waybill_connections_refused_total", dimensions: [("reason", "per_address_limit")]).increment()
            channel.close(promise: nil)
            throw ConnectionRefused(address: address)
        }
        channel.closeFuture.whenComplete { _ in self.close(from: address) }
    }

    /// Counts a new connection from `address`; false (and not counted) when the address is at its limit.
    func open(from address: IPAddress) -> Bool {
        if exempt.contains(where: { $0.contains(address) }) { return true }
        return open.withLock { open in
            let count = open[address, default: 0]
            guard count < limit else { return false }
            open[address] = count + 1
            return true
        }
    }

    func close(from address: IPAddress) {
        if exempt.contains(where: { $0.contains(address) }) { return }
        open.withLock { open in
            guard let count = open[address] else { return }
            open[address] = count > 1 ? count - 1 : nil
        }
    }
}

/// A connection closed because its address holds as many as it may.
struct ConnectionRefused: Error, CustomStringConvertible {
    let address: IPAddress

    var description: String { "\(address) holds the most connections one address may hold" }
}
