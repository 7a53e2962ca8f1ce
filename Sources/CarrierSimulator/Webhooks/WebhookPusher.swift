import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import WaybillCore

/// Pushes each step to the registered targets as the simulated clock passes it, retrying a
/// failed delivery with exponential backoff.
struct WebhookPusher: Sendable {
    let simulator: CarrierSimulator

    func run() async {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let interval = max(0.01, simulator.configuration.webhookInterval)
        while !Task.isCancelled {
            await sweep(client)
            try? await Task.sleep(for: .seconds(interval))
        }
        try? await client.shutdown()
    }

    func sweep(_ client: HTTPClient) async {
        let targets = simulator.webhooks.all()
        guard !targets.isEmpty else { return }
        let now = simulator.clock.now()
        for target in targets {
            var due: [(SimulatedJourney, ArraySlice<SimulatedStep>)] = []
            for journey in simulator.journeys(for: target) {
                let steps = simulator.webhooks.claim(target: target.id, journey: journey, visible: journey.visibleSteps(at: now).count)
                if !steps.isEmpty { due.append((journey, steps)) }
            }
            // Parcels in parallel (a few at a time), each parcel's steps in order.
            await withTaskGroup(of: Void.self) { group in
                for (index, item) in due.enumerated() {
                    if index >= 8 { await group.next() }
                    group.addTask {
                        for index in item.1.indices { await deliver(item.0, through: index, to: target, client: client) }
                    }
                }
            }
        }
    }

    /// Posts the step at `index` of `journey` in the target's format, retrying with backoff.
    func deliver(_ journey: SimulatedJourney, through index: Int, to target: WebhookTarget, client: HTTPClient) async {
        var request = HTTPClientRequest(url: target.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let body: Data
        if target.carrier == "aftership" {
            body = AfterShipFormat.webhook(journey, through: journey.steps[...index], eventID: UUID().uuidString.lowercased()).encoded()
            request.headers.add(name: "User-Agent", value: "AfterShip-Webhook")
            if let secret = target.credential {
                request.headers.add(name: "aftership-hmac-sha256", value: AfterShipFormat.signature(body, secret: secret))
            }
        } else {
            body = UPSFormat.trackAlert(journey, journey.steps[index]).encoded()
            request.headers.add(name: "User-Agent", value: "UPSPubSubTrackingService")
            if let credential = target.credential { request.headers.add(name: "credential", value: credential) }
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let attempts = max(1, simulator.configuration.webhookAttempts)
        for attempt in 1...attempts {
            do {
                let response = try await client.execute(request, timeout: .seconds(10))
                _ = try? await response.body.collect(upTo: 1 << 16)
                if (200..<300).contains(response.status.code) {
                    simulator.recorder.webhook(delivered: true)
                    return
                }
                simulator.logger.debug("webhook rejected", metadata: ["target": "\(target.id)", "status": "\(response.status.code)", "attempt": "\(attempt)"])
            } catch {
                simulator.logger.debug("webhook failed", metadata: ["target": "\(target.id)", "error": "\(error)", "attempt": "\(attempt)"])
            }
            if Task.isCancelled { return }
            if attempt < attempts { try? await Task.sleep(for: .seconds(0.2 * Double(1 << (attempt - 1)))) }
        }
        simulator.recorder.webhook(delivered: false)
    }
}
