/// An HTTP server that speaks carriers' tracking formats and moves simulated parcels along.
public enum CarrierSimulatorInfo {}
