/// `realworld/dpd/`.
extension RealWorldCorpus {
    static let dpd: [RealWorldCase] = []
}
