using System.Collections.Concurrent;
using WebVirt.Contracts;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>What the fake agent was asked to migrate or accept, and what it answers.</summary>
public sealed class FakeMigrationState
{
    public ConcurrentQueue<IncomingMigrationGrant> Grants { get; } = new();

    public ConcurrentQueue<MigrationRequest> Requests { get; } = new();

    public IncomingMigrationAnswer GrantAnswer { get; set; } = IncomingMigrationAnswer.Ready("127.0.0.1");

    public ProvisioningResult NextResult { get; set; } = ProvisioningResult.Started("migration-task");
}

public sealed partial class FakeAgentState
{
    public FakeMigrationState Migrations { get; } = new();
}

public sealed partial class FakeAgentHub
{
    public Task<IncomingMigrationAnswer> AllowIncomingMigration(IncomingMigrationGrant grant)
    {
        state.Migrations.Grants.Enqueue(grant);
        return Task.FromResult(state.Migrations.GrantAnswer);
    }

    public Task<ProvisioningResult> MigrateGuest(MigrationRequest request)
    {
        state.Migrations.Requests.Enqueue(request);
        return Task.FromResult(state.Migrations.NextResult);
    }
}
