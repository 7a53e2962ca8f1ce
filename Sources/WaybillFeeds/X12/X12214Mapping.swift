import WaybillCarriers
import WaybillCore

extension X12214Format {
    /// AT701 Shipment Status Codes (element 1650), 004010 meanings with the 4030 and later
    /// additions, mapped per standards.md §1.3. Codes of later releases whose meaning is not in
    /// the reference stay out of the table, so they come out `unmapped` and are counted.
    static let table = CarrierMapping(carrier: "x12_214", version: 1, entries: [
        // Before pick-up.
        .init("XB", "Shipment Acknowledged", .infoReceived, .manifestReceived),
        .init("OO", "Paperwork Received - Did not Receive Shipment or Equipment", .infoReceived, .manifestReceived),
        .init("X3", "Arrived at Pick-up Location", .infoReceived),
        .init("X8", "Arrived at Pick-up Location Loading Dock", .infoReceived),
        // Picked up.
        .init("AF", "Carrier Departed Pick-up Location with Shipment", .inTransit, .pickedUp),
        .init("CP", "Completed Loading at Pick-up Location", .inTransit, .pickedUp),
        .init("BA", "Connecting Line or Cartage Pick-up", .inTransit, .pickedUp),
        // Arrivals.
        .init("X4", "Arrived at Terminal Location", .inTransit, .arrivedFacility),
        .init("R1", "Received from Prior Carrier", .inTransit, .arrivedFacility),
        .init("I1", "In-Gate", .inTransit, .arrivedFacility),
        .init("AR", "Rail Arrival at Destination Intermodal Ramp", .inTransit, .arrivedFacility),
        .init("K1", "Arrived at Customs", .inTransit, .customsPending),
        // Moving.
        .init("P1", "Departed Terminal Location", .inTransit, .departedFacility),
        .init("RL", "Rail Departure from Origin Intermodal Ramp", .inTransit, .departedFacility),
        .init("OA", "Out-Gate", .inTransit, .departedFacility),
        .init("X6", "En Route to Delivery Location", .inTransit, .inTransitToDestination),
        .init("AM", "Loaded on Truck", .inTransit),
        .init("AN", "Diverted to Air Carrier", .inTransit),
        .init("J1", "Delivered to Connecting Line", .inTransit, .handedToLastMile),
        .init("L1", "Loading", .inTransit),
        .init("CL", "Trailer Closed Out", .inTransit),
        .init("BC", "Storage in Transit", .inTransit, .heldByCarrier),
        .init("AI", "Shipment has been Reconsigned", .inTransit, reason: .customerRequest),
        .init("AV", "Available for Delivery", .inTransit),
        .init("PA", "Partial Shipment", .inTransit),
        // At the destination.
        .init("AJ", "Tendered for Delivery", .outForDelivery, .outForDelivery),
        .init("X1", "Arrived at Delivery Location", .outForDelivery, .outForDelivery),
        .init("X5", "Arrived at Delivery Location Loading Dock", .outForDelivery, .outForDelivery),
        .init("S1", "Trailer Spotted at Consignee's Location", .outForDelivery, .outForDelivery),
        .init("AW", "Available for Pick-up", .availableForPickup, .awaitingCollection, action: true),
        // Delivered. CD (the truck leaving after D1) adds nothing to the status.
        .init("D1", "Completed Unloading at Delivery Location", .delivered),
        .init("CB", "Completed Shipment", .delivered),
        .init("CD", "Carrier Departed Delivery Location", .delivered, informational: true),
        // Attempts and exceptions.
        .init("AH", "Attempted Delivery", .attemptFailed),
        .init("AP", "Delivery Not Completed", .attemptFailed),
        .init("SD", "Shipment Delayed", .exception, reason: .carrierDelay),
        .init("PR", "U.S. Customs Hold at In-Bond Location", .exception, .heldByCustoms, reason: .customsInspection),
        .init("A9", "Shipment Damaged", .exception, .damaged, reason: .damaged),
        .init("A7", "Refused by Consignee", .exception, .refused, reason: .refused),
        .init("CA", "Shipment Cancelled", .exception, .cancelled),
        .init("A3", "Shipment Returned to Shipper", .returnedToSender, .returnedToSender),
        // Estimates, not events: AG and X2 become the shipment's estimated delivery; C1 and B6
        // estimate terminal times, which a parcel tracker does not show.
        .init("AG", "Estimated Delivery", .inTransit, .estimatedDeliveryUpdated, informational: true),
        .init("X2", "Estimated Date and/or Time of Arrival at Consignee's Location", .inTransit, .estimatedDeliveryUpdated,
              informational: true),
        .init("C1", "Estimated to Depart Terminal Location", .inTransit, .estimatedDeliveryUpdated, informational: true),
        .init("B6", "Estimated to Arrive at Carrier Terminal", .inTransit, .estimatedDeliveryUpdated, informational: true),
    ])

    /// AT701 codes that carry an estimate in AT705/AT706 rather than something that happened.
    static let estimateCodes: Set<String> = ["AG", "X2", "C1", "B6"]
    /// Of those, the ones that estimate the delivery.
    static let deliveryEstimateCodes: Set<String> = ["AG", "X2"]

    /// AT702 Shipment Status Reason Codes (element 1651) with their meaning, the canonical
    /// reason where one fits, and whether the customer must act. Read only from AT702: the same
    /// letters mean other things in AT701 (`A3`) and AT707 (`NS`).
    struct ReasonCode: Sendable {
        let meaning: String
        let reason: Reason?
        let action: Bool

        init(_ meaning: String, _ reason: Reason? = nil, action: Bool = false) {
            self.meaning = meaning
            self.reason = reason
            self.action = action
        }
    }

    static let reasons: [String: ReasonCode] = [
        "NS": .init("Normal Status"),
        "A1": .init("Missed Delivery", .carrierDelay),
        "A2": .init("Incorrect Address", .addressIncorrect, action: true),
        "A3": .init("Indirect Delivery"),
        "A5": .init("Unable to Locate", .addressIncomplete, action: true),
        "A6": .init("Address Corrected - Delivery Attempted", .addressIncorrect),
        "AA": .init("Mis-sort", .missorted),
        "AD": .init("Customer Requested Future Delivery", .customerRequest),
        "AE": .init("Restricted Articles Unacceptable", .prohibitedItem),
        "AF": .init("Accident", .carrierDelay),
        "AG": .init("Consignee Related", .other),
        "AH": .init("Driver Related", .carrierDelay),
        "AI": .init("Mechanical Breakdown", .carrierDelay),
        "AJ": .init("Other Carrier Related", .carrierDelay),
        "AK": .init("Damaged, Rewrapped in Hub", .damaged),
        "AL": .init("Previous Stop", .carrierDelay),
        "AM": .init("Shipper Related", .senderRequest),
        "AN": .init("Holiday - Closed", .businessClosed),
        "AO": .init("Weather or Natural Disaster Related", .weather),
        "AP": .init("Awaiting Export", .customsInspection),
        "AQ": .init("Recipient Unavailable - Delivery Delayed", .consigneeNotHome),
        "AR": .init("Improper International Paperwork", .customsDocuments, action: true),
        "AS": .init("Hold Due to Customs Documentation Problems", .customsDocuments, action: true),
        "AT": .init("Unable to Contact Recipient for Broker Information", .customsDocuments, action: true),
        "AU": .init("Civil Event Related Delay", .security),
        "AV": .init("Exceeds Service Limitations", .prohibitedItem),
        "AW": .init("Past Cut-off Time", .carrierDelay),
        "AX": .init("Insufficient Pick-up Time", .carrierDelay),
        "AY": .init("Missed Pick-up", .carrierDelay),
        "AZ": .init("Alternate Carrier Delivered"),
        "B1": .init("Consignee Closed", .businessClosed),
        "B2": .init("Trap for Customer", .customerRequest),
        "B4": .init("Held for Payment", .other, action: true),
        "B5": .init("Held for Consignee", .customerRequest),
        "B8": .init("Improper Unloading Facility or Equipment", .accessProblem),
        "B9": .init("Receiving Time Restricted", .accessProblem),
        "BB": .init("Held per Shipper", .senderRequest),
        "BC": .init("Missing Documents", .customsDocuments),
        "BD": .init("Border Clearance", .customsInspection),
        "BE": .init("Road Conditions", .weather),
        "BF": .init("Carrier Keying Error", .carrierDelay),
        "BG": .init("Other", .other),
        "BH": .init("Insufficient Time to Complete Delivery", .carrierDelay),
        "BI": .init("Cartage Agent"),
        "BJ": .init("Customer Wanted Earlier Delivery", .customerRequest),
        "BK": .init("Prearranged Appointment", .customerRequest),
        "BL": .init("Held for Protective Service", .security),
        "BM": .init("Flatcar Shortage", .carrierDelay),
        "BN": .init("Failed to Release Billing", .other),
        "BO": .init("Railroad Failed to Meet Schedule", .carrierDelay),
        "BP": .init("Load Shifted", .damaged),
        "BQ": .init("Shipment Overweight", .prohibitedItem),
        "BR": .init("Train Derailment", .carrierDelay),
        "BS": .init("Refused by Customer", .refused),
        "BT": .init("Returned to Shipper"),
        "C1": .init("Waiting for Customer Pick-up", .unclaimed, action: true),
        "C2": .init("Credit Hold", .other),
        "C3": .init("Suspended at Customer Request", .customerRequest),
        "C4": .init("Customer Vacation", .consigneeNotHome),
        "C5": .init("Customer Strike", .businessClosed),
        "C6": .init("Waiting Shipping Instructions", .other, action: true),
        "C7": .init("Waiting for Customer Specified Carrier", .customerRequest),
        "C8": .init("Collect on Delivery Required", .other, action: true),
        "C9": .init("Cash Not Available From Consignee", .other, action: true),
        "CA": .init("Customs (Import or Export)", .customsInspection),
        "CB": .init("No Requested Arrival Date Provided by Shipper"),
        "CC": .init("No Requested Arrival Time Provided by Shipper"),
        "D1": .init("Carrier Dispatch Error", .carrierDelay),
        "D2": .init("Driver Not Available", .carrierDelay),
        "F1": .init("Non-Express Clearance Delay", .customsInspection),
        "F2": .init("International Non-carrier Delay", .other),
        "HB": .init("Held Pending Appointment", .customerRequest),
        "NA": .init("Normal Appointment"),
        "P1": .init("Processing Delay", .carrierDelay),
        "P2": .init("Waiting Inspection", .customsInspection),
        "P3": .init("Production Falldown", .senderRequest),
        "P4": .init("Held for Full Carrier Load", .carrierDelay),
        "RC": .init("Reconsigned", .customerRequest),
        "S1": .init("Delivery Shortage", .lost),
        "T1": .init("Tractor With Sleeper Car Not Available", .carrierDelay),
        "T2": .init("Tractor, Conventional, Not Available", .carrierDelay),
        "T3": .init("Trailer not Available", .carrierDelay),
        "T4": .init("Trailer Not Usable Due to Prior Product", .carrierDelay),
        "T5": .init("Trailer Class Not Available", .carrierDelay),
        "T6": .init("Trailer Volume Not Available", .carrierDelay),
        "T7": .init("Insufficient Delivery Time", .carrierDelay),
    ]

    /// AT703 Shipment Appointment Status codes (element 1652) that tell when delivery will be.
    static let deliveryAppointmentCodes: [String: String] = [
        "AB": "Delivery Appointment Date and/or Time",
        "AC": "Estimated Delivery Appointment Date and/or Time",
        "X9": "Delivery Appointment Secured on This Date and/or Time",
        "ED": "Deliver No Earlier Than",
        "LD": "Deliver No Later Than",
    ]
}
