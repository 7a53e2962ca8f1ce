import WaybillCore

/// What happens at a step, before it is dressed in a carrier's words.
enum StepKind: Sendable, Hashable {
    case labelCreated, pickedUp, originScan, arrived, departed
    case customsPending, customsCleared, customsHeld
    case weatherDelay, addressProblem
    case outForDelivery, attemptFailed, availableForPickup
    case delivered(Substatus), collected
    case returnInitiated, returned

    var status: ShipmentStatus {
        switch self {
        case .labelCreated: .infoReceived
        case .pickedUp, .originScan, .arrived, .departed, .customsPending, .customsCleared: .inTransit
        case .customsHeld, .weatherDelay, .addressProblem: .exception
        case .outForDelivery: .outForDelivery
        case .attemptFailed: .attemptFailed
        case .availableForPickup: .availableForPickup
        case .delivered, .collected: .delivered
        case .returnInitiated, .returned: .returnedToSender
        }
    }

    var substatus: Substatus? {
        switch self {
        case .labelCreated: .labelCreated
        case .pickedUp: .pickedUp
        case .originScan, .arrived: .arrivedFacility
        case .departed: .departedFacility
        case .customsPending: .customsPending
        case .customsCleared: .customsCleared
        case .customsHeld: .heldByCustoms
        case .weatherDelay: .heldByCarrier
        case .addressProblem: .addressProblem
        case .outForDelivery: .outForDelivery
        case .attemptFailed: .deliveryRescheduled
        case .availableForPickup: .awaitingCollection
        case .delivered(let substatus): substatus
        case .collected: .deliveredCollected
        case .returnInitiated: .returnInitiated
        case .returned: .returnedToSender
        }
    }

    var reason: Reason? {
        switch self {
        case .customsHeld: .customsDocuments
        case .weatherDelay: .weather
        case .addressProblem: .addressIncorrect
        case .attemptFailed: .consigneeNotHome
        default: nil
        }
    }

    /// The kind a step was planned as, recovered from its canonical fields.
    init(status: ShipmentStatus, substatus: Substatus?, reason: Reason?) {
        switch (status, substatus) {
        case (.infoReceived, _): self = .labelCreated
        case (.inTransit, .pickedUp?): self = .pickedUp
        case (.inTransit, .departedFacility?): self = .departed
        case (.inTransit, .customsPending?): self = .customsPending
        case (.inTransit, .customsCleared?): self = .customsCleared
        case (.inTransit, _): self = .arrived
        case (.exception, .heldByCustoms?): self = .customsHeld
        case (.exception, .addressProblem?): self = .addressProblem
        case (.exception, _): self = .weatherDelay
        case (.outForDelivery, _): self = .outForDelivery
        case (.attemptFailed, _): self = .attemptFailed
        case (.availableForPickup, _): self = .availableForPickup
        case (.delivered, .deliveredCollected?): self = .collected
        case (.delivered, let substatus): self = .delivered(substatus ?? .deliveredDoor)
        case (.returnedToSender, .returnInitiated?): self = .returnInitiated
        case (.returnedToSender, _): self = .returned
        default: self = .arrived
        }
    }

    /// The carrier's wording for the step.
    func description(carrier: String, place: SimulatedPlace, pickupPoint: String) -> String {
        switch carrier {
        case "fedex": fedExText(place)
        case "usps": uspsText(place, pickupPoint: pickupPoint)
        case "dhl", "dhl_express": dhlText(place)
        default: upsText(pickupPoint)
        }
    }

    private func upsText(_ pickupPoint: String) -> String {
        switch self {
        case .labelCreated: "Shipper created a label, UPS has not received the package yet."
        case .pickedUp: "Pickup Scan"
        case .originScan: "Origin Scan"
        case .arrived: "Arrived at Facility"
        case .departed: "Departed from Facility"
        case .customsPending: "Import Scan - Clearance in Progress"
        case .customsCleared: "Your package was released by the customs agency."
        case .customsHeld: "Clearance information required. We're working to resolve it."
        case .weatherDelay: "A severe weather condition has delayed delivery."
        case .addressProblem: "The address is incorrect. We're attempting to update it."
        case .outForDelivery: "Out For Delivery Today"
        case .attemptFailed: "The receiver was not available for delivery. We'll make a second attempt the next business day."
        case .availableForPickup: "Delivered to \(pickupPoint). Ready for pickup."
        case .delivered: "DELIVERED"
        case .collected: "Picked up by customer at \(pickupPoint)"
        case .returnInitiated: "Returning to Sender: The address was incorrect."
        case .returned: "Returned to Sender"
        }
    }

    private func fedExText(_ place: SimulatedPlace) -> String {
        switch self {
        case .labelCreated: "Shipment information sent to FedEx"
        case .pickedUp: "Picked up"
        case .originScan: "At FedEx origin facility"
        case .arrived: "Arrived at FedEx location"
        case .departed: "Departed FedEx location"
        case .customsPending: "Clearance in progress"
        case .customsCleared: "International shipment release - Import"
        case .customsHeld: "Clearance delay - Import"
        case .weatherDelay: "Shipment exception"
        case .addressProblem: "Delivery exception"
        case .outForDelivery: "On FedEx vehicle for delivery"
        case .attemptFailed: "Delivery exception"
        case .availableForPickup: "Ready for recipient pickup"
        case .delivered, .collected: "Delivered"
        case .returnInitiated: "Return to shipper"
        case .returned: "Returned to shipper"
        }
    }

    private func uspsText(_ place: SimulatedPlace, pickupPoint: String) -> String {
        switch self {
        case .labelCreated: "Shipping Label Created, USPS Awaiting Item"
        case .pickedUp: "USPS picked up item"
        case .originScan: "Accepted at USPS Origin Facility"
        case .arrived: "Arrived at USPS Regional Facility"
        case .departed: "Departed USPS Regional Facility"
        case .customsPending: "Customs Clearance"
        case .customsCleared: "Customs Clearance Processing Complete"
        case .customsHeld: "Held in Customs"
        case .weatherDelay: "Delivery Delayed due to Weather"
        case .addressProblem: "Addressee Unknown"
        case .outForDelivery: "Out for Delivery"
        case .attemptFailed: "Notice Left (No Authorized Recipient Available)"
        case .availableForPickup: "Available for Pickup"
        case .delivered(.deliveredMailbox): "Delivered, In/At Mailbox"
        case .delivered(.deliveredSigned): "Delivered, Left with Individual"
        case .delivered: "Delivered, Front Door/Porch"
        case .collected: "Delivered, Individual Picked Up at \(pickupPoint)"
        case .returnInitiated: "Return to Sender Processed"
        case .returned: "Delivered, To Original Sender"
        }
    }

    private func dhlText(_ place: SimulatedPlace) -> String {
        let site = "\(place.city) - \(place.country == "US" ? "USA" : place.country == "DE" ? "GERMANY" : "UNITED KINGDOM")"
        return switch self {
        case .labelCreated: "Shipment information received"
        case .pickedUp: "Shipment picked up"
        case .originScan: "Processed at \(site)"
        case .arrived: "Arrived at DHL Sort Facility \(site)"
        case .departed: "Departed Facility in \(site)"
        case .customsPending: "Clearance event: shipment held for import formalities"
        case .customsCleared: "Customs clearance status updated"
        case .customsHeld: "Clearance delay: further information required by the authorities"
        case .weatherDelay: "Delivery delayed due to severe weather"
        case .addressProblem: "Incorrect address - recipient address incomplete or incorrect"
        case .outForDelivery: "With delivery courier"
        case .attemptFailed: "Delivery attempted; recipient not home"
        case .availableForPickup: "Shipment is ready for pickup at the DHL ServicePoint"
        case .delivered: "Delivered"
        case .collected: "Delivered - collected by the recipient"
        case .returnInitiated: "Shipment is being returned to sender"
        case .returned: "Returned to sender"
        }
    }
}
