/// `realworld/dhl_parcel_de/`.
extension RealWorldCorpus {
    static let dhlParcelDE: [RealWorldCase] = []
}
