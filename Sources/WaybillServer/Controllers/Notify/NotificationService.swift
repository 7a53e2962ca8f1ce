import Logging
import ServiceLifecycle
import WaybillNotify
import WaybillStore

/// The notification worker of `waybill serve`, configured from the environment
/// (`NotificationConfiguration.fromEnvironment`), sending email and SMS over the tenants'
/// configured channels.
func notificationService(store: any Store, configuration: ServerConfiguration, logger: Logger) -> any Service {
    var notify = NotificationConfiguration.fromEnvironment()
    notify.egress = configuration.egress
    let httpClients = EgressHTTPClients(policy: configuration.egress)
    return NotificationWorker(store: store, configuration: notify,
                              personChannels: StoredChannelProvider(store: store, httpClients: httpClients, logger: logger),
                              publicBaseURL: configuration.publicBaseURL, httpClients: httpClients, logger: logger)
}
