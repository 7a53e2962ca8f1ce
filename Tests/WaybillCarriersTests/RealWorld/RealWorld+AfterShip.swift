/// `realworld/aftership/`.
extension RealWorldCorpus {
    static let afterShip: [RealWorldCase] = []
}
