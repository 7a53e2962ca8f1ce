/// `realworld/dhl_express/`.
extension RealWorldCorpus {
    static let dhlExpress: [RealWorldCase] = []
}
