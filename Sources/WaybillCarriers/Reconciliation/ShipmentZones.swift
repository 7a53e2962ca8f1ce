import Foundation
import WaybillCore

/// Finds the zone of events whose local time has no offset and whose own place did not decide
/// one, from what the rest of the shipment says:
/// - a country written in the city field ("Deutschland", "FRANCE") is the country;
/// - an event without a country in a shipment whose other events are all in one country is in
///   that country (a domestic parcel's hub named only "Hub Süd").
/// Only countries with one zone (or a region that decides it) resolve; nothing is guessed.
enum ShipmentZones {
    static func resolve(_ shipment: inout ParsedShipment) {
        // A place already complete (a country and an instant) needs no reading of its city.
        for index in shipment.events.indices where shipment.events[index].location?.city != nil
            && (shipment.events[index].location?.country == nil || shipment.events[index].occurredAt == nil) {
            if let fixed = countryFromCity(shipment.events[index].location) { shipment.events[index].location = fixed }
        }
        // Found on first need: most shipments have no event left to place.
        var onlyCountry: String??
        for index in shipment.events.indices {
            let event = shipment.events[index]
            guard event.occurredAt == nil, event.utcOffset == nil, let local = event.localTime, local.hasTime else { continue }
            var place = event.location ?? Location()
            if place.country == nil {
                if onlyCountry == nil {
                    let countries = Set(shipment.events.compactMap { $0.location?.country })
                    onlyCountry = .some(countries.count == 1 ? countries.first : nil)
                }
                place.country = onlyCountry ?? nil
            }
            guard place.country != nil else { continue }
            let resolved = ZoneResolver.resolve(local: local, location: place)
            guard let instant = resolved.occurredAt else { continue }
            shipment.events[index].occurredAt = instant
            shipment.events[index].utcOffset = resolved.utcOffset
            shipment.events[index].zoneSource = .location
        }
    }

    /// Countries whose capital has the country's name, where the city field may be right.
    static let cityStates: Set<String> = ["LU", "SG", "MC", "VA", "SM", "HK", "MO", "GI", "KW", "DJ", "PA", "GT", "MX"]

    /// The location with its city read as its country, when the city is a country's name.
    static func countryFromCity(_ location: Location?) -> Location? {
        guard var location, let city = location.city, let code = CountryNames.isoCode(city), city.count > 2 else { return nil }
        guard location.country == nil || (location.country == code && !cityStates.contains(code)) else { return nil }
        location.country = code
        location.city = nil
        return location
    }
}
