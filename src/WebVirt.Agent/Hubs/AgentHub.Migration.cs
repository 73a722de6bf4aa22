using WebVirt.Agent.Migration;
using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

internal sealed partial class AgentHub
{
    public Task<IncomingMigrationAnswer> AllowIncomingMigration(IncomingMigrationGrant grant) =>
        Task.FromResult(Feature<MigrationService>().Allow(grant));

    public Task<ProvisioningResult> MigrateGuest(MigrationRequest request) =>
        Feature<MigrationService>().StartAsync(request, Context.ConnectionAborted);
}
