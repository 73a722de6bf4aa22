using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.GuestHardwareTests;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Migration;

/// <summary>
/// The migration dialogs and batches against a recording migration gateway, signed in as an administrator, with guests
/// whose one disk is on a pool marked shared on their host (so the form lets them move without a copy), and the
/// migration tasks their agent pushes.
/// </summary>
public abstract class MigrationTestContext(WebAppFixture app) : GuestPanelTestContext(app)
{
    private readonly string _sharedPool = "mig-" + Guid.NewGuid().ToString("N")[..12];

    private protected RecordingMigrationGateway Gateway { get; } = new();

    // After the context registered the real gateway, before anything is resolved (signing in registers services too).
    protected void UseRecordingGateway()
    {
        Services.AddScoped<IMigrationGateway>(_ => Gateway);
        SignInAs(Roles.Administrator);
    }

    /// <summary>Marks this test's pool shared on the guests' host: a name of its own in the class's database, which the fixture drops.</summary>
    protected async Task SharePoolAsync()
    {
        await App.Factory.Services.GetRequiredService<InventoryStore>().EnsureHostAsync(HostId, HostId, "10.0.0", "8.2.0", CancellationToken.None);
        await App.Factory.Services.GetRequiredService<MigrationSettingsStore>().SetPoolSharedAsync(HostId, _sharedPool, true, "test", CancellationToken.None);
    }

    /// <summary>A guest whose one disk is on the pool marked shared.</summary>
    protected GuestInfo AddGuestOnSharedPool(string name, GuestState state)
    {
        var guest = AddGuest(name, state);
        var disk = new GuestDiskInfo("disk", "virtio", "vda", $"/mnt/shared/{name}.qcow2", "qcow2", false, "none", _sharedPool, name + ".qcow2", HardwareSamples.GiB, HardwareSamples.GiB);
        State.GuestPage.Details[guest.Uuid] = HardwareSamples.Details(guest, HardwareSamples.Hardware() with { Disks = [disk] });
        return guest;
    }

    protected static Task WaitUntilAsync(Func<bool> condition) => Eventually.TrueAsync(condition, Patience);

    /// <summary>A migration task of <paramref name="guest"/> as its agent pushes it; one that ended has its end time.</summary>
    protected static AgentTaskInfo MigrateTask(string taskId, GuestInfo guest, AgentTaskState state) =>
        new(taskId, guest.HostId, "migrate", guest.Name, guest.Uuid, state, 100, 0, [], "admin", DateTimeOffset.UtcNow,
            state == AgentTaskState.Running ? null : DateTimeOffset.UtcNow, null);
}
