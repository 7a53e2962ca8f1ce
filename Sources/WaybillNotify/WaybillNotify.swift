/// Alerts and notifications: rules decide, an outbox makes delivery durable, channels deliver.
public enum WaybillNotify {}
