/// `realworld/usps/`.
extension RealWorldCorpus {
    static let usps: [RealWorldCase] = []
}
