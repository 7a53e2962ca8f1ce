/// `realworld/iftsta/`.
extension RealWorldCorpus {
    static let iftsta: [RealWorldCase] = []
}
