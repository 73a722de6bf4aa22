namespace WebVirt.E2E.Migration;

/// <summary>An extra libvirt host of a migration scene (<see cref="WebVirt.Testing.LibvirtHosts"/>) and the loopback address its agent's migrations listen on.</summary>
/// <param name="Letter">The host's letter; each test class has its own, so two classes running at once never share a host.</param>
/// <param name="MigrationListenAddress">127.0.0.x, one per test class for the same reason.</param>
internal sealed record SceneHost(string Letter, string MigrationListenAddress);

/// <summary>Where the scene's guests' disks are.</summary>
internal enum SceneDisk
{
    /// <summary>In the folder every host sees, a pool on each scene host that the storage page marks shared: the disks stay in place.</summary>
    SharedFolder,

    /// <summary>In a folder only the stack's own host uses, a pool there not marked shared: the disks are copied.</summary>
    LocalPool,
}

/// <summary>What differs between the migration E2E tests' scenes (<see cref="MigrationScene.StartAsync"/>).</summary>
/// <param name="Name">The test's short name: its resources' prefix (after the run's) and its stack's purpose.</param>
/// <param name="Hosts">The extra hosts, each enrolled on the hosts page as an administrator would.</param>
/// <param name="GuestsOn">The letter of the host the guests start on; null for the stack's own host (qemu:///system).</param>
/// <param name="Disk">Shared folder or local pool (local pool only with the guests on the stack's own host).</param>
/// <param name="Guests">The guests' names after the prefix, one disk each.</param>
/// <param name="Running">Booted to the test guest's shell, or only defined (shut off).</param>
internal sealed record MigrationSceneSetup(
    string Name,
    IReadOnlyList<SceneHost> Hosts,
    string? GuestsOn = null,
    SceneDisk Disk = SceneDisk.SharedFolder,
    IReadOnlyList<string>? Guests = null,
    bool Running = true)
{
    public IReadOnlyList<string> GuestNames => Guests ?? ["guest"];
}
