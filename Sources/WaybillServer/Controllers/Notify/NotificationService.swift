import Logging
import ServiceLifecycle
import WaybillNotify
import WaybillStore

/// The notification worker of `waybill serve`, configured from the environment
/// (`NotificationConfiguration.fromEnvironment`), sending email and SMS over the tenants'
/// configured channels.
func notificationService(store: any Store, configuration: ServerConfiguration, logger: Logger) -> any Service {
    NotificationWorker(store: store, configuration: .fromEnvironment(), personChannels: StoredChannelProvider(store: store, logger: logger),
                       publicBaseURL: configuration.publicBaseURL, logger: logger)
}
