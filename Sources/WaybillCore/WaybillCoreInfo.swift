public enum WaybillCoreInfo {
    public static var taxonomyVersion: Int { Taxonomy.version }
}
