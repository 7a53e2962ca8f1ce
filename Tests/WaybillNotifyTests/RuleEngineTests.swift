import Foundation
import Testing
import WaybillCore

@Suite("Rule engine")
struct RuleEngineTests {
    static let utc = TimeZone(identifier: "UTC")!

    /// 2026-11-26 at hh:mm UTC.
    static func at(_ hour: Int, _ minute: Int = 0, day: Int = 26) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        return calendar.date(from: DateComponents(year: 2026, month: 11, day: day, hour: hour, minute: minute))!
    }

    static func rule(_ configure: (inout AlertRule) -> Void = { _ in }) -> AlertRule {
        var rule = AlertRule(id: "rul_1", tenantID: "ten_1", name: "Out for delivery", trigger: .status(.outForDelivery),
                             channel: .sms, template: "ofd", audience: .customer)
        configure(&rule)
        return rule
    }

    static let context = RuleContext(shipmentID: "shp_1", carrier: "ups", service: "ground", destinationCountry: "FR",
                                     orderMetadata: ["channel": "web"], customerTimeZone: "Asia/Tokyo")

    @Test func quietHoursAreInTheRecipientsZone() {
        let rule = Self.rule { $0.quietHours = QuietHours(startMinute: 21 * 60, endMinute: 8 * 60) }
        // 13:00 UTC is 22:00 in Tokyo: quiet there, so the message waits until 08:00 Tokyo (23:00 UTC).
        let decision = RuleEngine.decide(rule, trigger: .statusEntered(.outForDelivery), context: Self.context, now: Self.at(13),
                                         pending: nil, alreadySent: false)
        #expect(decision == .create(deliverAt: Self.at(23), dedupeKey: nil, collapseKey: nil))
        // The same instant for a customer in Paris (14:00 there) goes at once.
        var paris = Self.context
        paris.customerTimeZone = "Europe/Paris"
        #expect(RuleEngine.decide(rule, trigger: .statusEntered(.outForDelivery), context: paris, now: Self.at(13),
                                  pending: nil, alreadySent: false) == .create(deliverAt: Self.at(13), dedupeKey: nil, collapseKey: nil))
        // Without a customer zone, the rule's fallback zone applies, else UTC.
        var unknown = Self.context
        unknown.customerTimeZone = nil
        #expect(RuleEngine.decide(rule, trigger: .statusEntered(.outForDelivery), context: unknown, now: Self.at(22),
                                  pending: nil, alreadySent: false) == .create(deliverAt: Self.at(8, day: 27), dedupeKey: nil, collapseKey: nil))
    }

    @Test func quietHoursWindowWithinOneDayAndDelay() {
        let quiet = QuietHours(startMinute: 12 * 60, endMinute: 14 * 60)
        #expect(quiet.nextAllowed(after: Self.at(12, 30), in: Self.utc) == Self.at(14))
        #expect(quiet.nextAllowed(after: Self.at(14), in: Self.utc) == Self.at(14))
        #expect(quiet.nextAllowed(after: Self.at(11, 59), in: Self.utc) == Self.at(11, 59))
        let delayed = Self.rule {
            $0.delaySeconds = 1800
            $0.quietHours = QuietHours(startMinute: 12 * 60, endMinute: 14 * 60, fallbackTimeZone: "UTC")
        }
        var noZone = Self.context
        noZone.customerTimeZone = nil
        // The delay pushes 11:45 to 12:15, inside the window: sent at 14:00.
        #expect(RuleEngine.decide(delayed, trigger: .statusEntered(.outForDelivery), context: noZone, now: Self.at(11, 45),
                                  pending: nil, alreadySent: false) == .create(deliverAt: Self.at(14), dedupeKey: nil, collapseKey: nil))
    }

    @Test func fiveScansInAMinuteAreOneMessage() {
        let rule = Self.rule {
            $0.trigger = RuleTrigger(kind: .substatusEntered, value: Substatus.arrivedFacility.rawValue)
            $0.collapseWindowSeconds = 300
        }
        // The store's view of the outbox: unsent messages of this rule and shipment.
        var messages: [(id: String, deliverAt: Date, merged: Int)] = []
        for scan in 0..<5 {
            let now = Self.at(10).addingTimeInterval(Double(scan) * 12)
            let pending = messages.last.map { RuleEngine.Pending(messageID: $0.id, deliverAt: $0.deliverAt) }
            switch RuleEngine.decide(rule, trigger: .substatusEntered(.arrivedFacility), context: Self.context, now: now,
                                     pending: pending, alreadySent: false) {
            case .create(let deliverAt, _, let collapseKey):
                #expect(collapseKey == "burst:rul_1:shp_1")
                messages.append(("msg_\(scan)", deliverAt, 0))
            case .merge(let id):
                #expect(id == messages.last?.id)
                messages[messages.count - 1].merged += 1
            case .skip(let reason):
                Issue.record("skipped: \(reason)")
            }
        }
        #expect(messages.count == 1)
        #expect(messages.first?.merged == 4)
        #expect(messages.first?.deliverAt == Self.at(10, 5), "sent when the window after the first scan closes")
        // Once the pending message went out (its time passed), a later scan starts a new one.
        let later = RuleEngine.decide(rule, trigger: .substatusEntered(.arrivedFacility), context: Self.context, now: Self.at(10, 6),
                                      pending: RuleEngine.Pending(messageID: "msg_0", deliverAt: Self.at(10, 5)), alreadySent: false)
        #expect(later == .create(deliverAt: Self.at(10, 11), dedupeKey: nil, collapseKey: "burst:rul_1:shp_1"))
    }

    @Test func oncePerShipment() {
        let rule = Self.rule { $0.oncePerShipment = true }
        let first = RuleEngine.decide(rule, trigger: .statusEntered(.outForDelivery), context: Self.context, now: Self.at(9),
                                      pending: nil, alreadySent: false)
        #expect(first == .create(deliverAt: Self.at(9), dedupeKey: "once:rul_1:shp_1", collapseKey: nil))
        let second = RuleEngine.decide(rule, trigger: .statusEntered(.outForDelivery), context: Self.context, now: Self.at(15),
                                       pending: nil, alreadySent: true)
        #expect(second == .skip("already sent once for this shipment"))
    }

    @Test func conditionsFilterShipments() {
        let rule = Self.rule {
            $0.conditions = RuleConditions(carriers: ["ups"], services: ["ground"], destinationCountries: ["FR", "BE"],
                                           orderMetadata: ["channel": "web"])
        }
        #expect(RuleEngine.matches(rule, trigger: .statusEntered(.outForDelivery), context: Self.context))
        var other = Self.context
        other.carrier = "dhl"
        #expect(!RuleEngine.matches(rule, trigger: .statusEntered(.outForDelivery), context: other))
        other = Self.context
        other.destinationCountry = "DE"
        #expect(!RuleEngine.matches(rule, trigger: .statusEntered(.outForDelivery), context: other))
        other = Self.context
        other.orderMetadata = ["channel": "store"]
        #expect(!RuleEngine.matches(rule, trigger: .statusEntered(.outForDelivery), context: other))
        #expect(!RuleEngine.matches(rule, trigger: .statusEntered(.delivered), context: Self.context))
        var disabled = rule
        disabled.enabled = false
        #expect(!RuleEngine.matches(disabled, trigger: .statusEntered(.outForDelivery), context: Self.context))
    }

    @Test func triggersOfAStateChange() {
        let before = TriggerSnapshot(status: .inTransit)
        let eta = Self.at(18)
        #expect(TriggerDetector.detect(before: before, after: TriggerSnapshot(status: .delivered, substatus: .deliveredSigned))
                == [.statusEntered(.delivered), .delivered, .substatusEntered(.deliveredSigned)])
        #expect(TriggerDetector.detect(before: before, after: TriggerSnapshot(status: .inTransit, reason: .customsDutiesUnpaid))
                == [.reasonEntered(.customsDutiesUnpaid)])
        #expect(TriggerDetector.detect(before: before, after: TriggerSnapshot(status: .inTransit, etaLatest: eta)) == [.etaSet])
        #expect(TriggerDetector.detect(before: TriggerSnapshot(status: .inTransit, etaLatest: eta),
                                       after: TriggerSnapshot(status: .inTransit, etaLatest: eta.addingTimeInterval(86_400))) == [.etaRevised])
        #expect(TriggerDetector.detect(before: before, after: before).isEmpty)
        #expect(ShipmentTrigger.statusEntered(.delivered).eventTypes == [.shipmentStatusChanged, .shipmentDelivered])
    }

    @Test func ruleDefinitionsNameTheFieldAtFault() throws {
        let base = Self.rule()
        func problem(_ json: String) -> String? {
            guard let value = try? JSONValue.parse(Data(json.utf8)) else { return "unparsable" }
            do {
                _ = try AlertRule.decode(definition: value, base: base)
                return nil
            } catch {
                return error.path
            }
        }
        #expect(problem(#"{"trigger":{"type":"status_entered","status":"teleported"}}"#) == "trigger.status")
        #expect(problem(#"{"trigger":{"type":"stale"}}"#) == "trigger.hours")
        #expect(problem(#"{"quiet_hours":{"start":"25:00","end":"08:00"}}"#) == "quiet_hours.start")
        #expect(problem(#"{"quiet_hours":{"start":"21:00","end":"08:00","time_zone":"Mars/Olympus"}}"#) == "quiet_hours.time_zone")
        #expect(problem(#"{"audience":"merchant","channel":"email"}"#) == "recipients")
        #expect(problem(#"{"audience":"merchant","channel":"sms","recipients":["0612"]}"#) == "recipients[0]")
        #expect(problem(#"{"conditions":{"destination_countries":["France"]}}"#) == "conditions.destination_countries[0]")
        #expect(problem(#"{"channel":"webhook"}"#) == "channel")
        #expect(problem(#"{"colour":"red"}"#) == "colour")
        let decoded = try AlertRule.decode(definition: try JSONValue.parse(Data(
            #"{"trigger":{"type":"reason_entered","reason":"customs_duties_unpaid"},"quiet_hours":{"start":"21:30","end":"07:00"},"once_per_shipment":true}"#.utf8)),
            base: base)
        #expect(decoded.trigger == RuleTrigger(kind: .reasonEntered, value: "customs_duties_unpaid"))
        #expect(decoded.quietHours == QuietHours(startMinute: 21 * 60 + 30, endMinute: 7 * 60))
        // The stored form reads back to the same rule.
        #expect(try AlertRule.decode(definition: decoded.definitionJSON, base: base) == decoded)
    }

    @Test func defaultRulesCoverTheMilestones() {
        var counter = 0
        let rules = RuleEngine.defaultRules(tenantID: "ten_1", now: Self.at(9)) {
            counter += 1
            return "rul_\(counter)"
        }
        let statuses = Set(rules.compactMap { $0.trigger.value })
        #expect(statuses == ["in_transit", "out_for_delivery", "delivered", "exception", "attempt_failed"])
        #expect(rules.allSatisfy { (try? $0.validate()) != nil })
    }
}
