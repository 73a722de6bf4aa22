using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Inventory;
using WebVirt.Agent.LocalState;
using WebVirt.Agent.Session;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Guests;
using WebVirt.Domain.InstallTrees;
using WebVirt.Domain.OsInfo;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;
using StoragePoolInfo = WebVirt.Domain.Validation.StoragePoolInfo;

namespace WebVirt.Agent.Provisioning;

/// <summary>
/// Creates, clones and deletes guests. Input is validated against the live host before anything is
/// made; the work then runs as a task, and a failed step removes everything the task made so far.
/// </summary>
internal sealed partial class ProvisioningService(
    LibvirtSession session,
    InventoryService inventory,
    TaskTracker tasks,
    LocalStateStore store,
    OsInfoDatabase osInfo,
    InstallTreeFetcher installTrees,
    InstallRestartWatcher installWatcher,
    GuestTaskRegistry guestTasks,
    IOptions<AgentOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ProvisioningService> logger)
{
    /// <summary>The task runs of this agent, so tests and shutdown can wait for them.</summary>
    private readonly List<Task> _running = [];

    public async Task<ProvisioningResult> CreateAsync(GuestSpecDto dto, CancellationToken ct)
    {
        var prepared = await PrepareAsync(dto, ct);
        if (prepared.Refusal is ProvisioningResult refusal)
        {
            return refusal;
        }

        var task = await tasks.StartAsync("create", prepared.Guest!.Spec.Name, dto.RequestedBy);
        Track(RunCreateAsync(task, prepared.Guest, prepared.Xml!, prepared.Install, dto, prepared.Seed));
        return ProvisioningResult.Started(task.Id);
    }

    public IReadOnlyList<OsVariantDto> SearchOsVariants(string? text, int limit)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return [.. osInfo.Search(text, Math.Clamp(limit, 1, 200)).Select(o => new OsVariantDto(
            o.ShortId, o.Name, o.Family, o.IsEndOfLife(today),
            o.Minimum.CpuCount, o.Minimum.RamMiB, o.Minimum.StorageGiB,
            o.Recommended.CpuCount, o.Recommended.RamMiB, o.Recommended.StorageGiB,
            o.InstallTreeUrl, MirrorRoots.RootOf(o.InstallTreeUrl), o.RequiresUefi))];
    }

    public Task<HostLimitsDto> GetHostLimitsAsync(CancellationToken ct)
    {
        HostInfo host = inventory.Host;
        return session.RunAsync(c =>
        {
            HostLimits limits = HostLimitsReader.Read(c, host);
            return new HostLimitsDto(
                limits.HostCpus, limits.HostMemoryMiB, limits.OvmfAvailable, limits.KvmAvailable, host.UseEmulation,
                [.. limits.Bridges.Order(StringComparer.Ordinal)], HostLimitsReader.MachineTypes(c), SpecMapper.CpuModeNames,
                limits.SecureBootAvailable, limits.TpmAvailable);
        }, ct);
    }

    /// <summary>Waits for the tasks started so far (tests; shutdown).</summary>
    public Task WhenIdleAsync()
    {
        lock (_running)
        {
            return Task.WhenAll(_running);
        }
    }

    private void Track(Task run)
    {
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(run);
        }
    }

    private sealed record Prepared(ProvisioningResult? Refusal, ValidatedGuest? Guest, string? Xml, IReadOnlyList<ProblemDto> Warnings, NetworkBoot? Install = null, CloudSeed? Seed = null);

    /// <summary>A network install's tree, where its images go, and the disk-boot definition the guest keeps after the installer.</summary>
    private sealed record NetworkBoot(Uri Tree, InstallTreeImages Images, DirectKernelBoot Kernel, string FinalXml);

    private async Task<Prepared> PrepareAsync(GuestSpecDto dto, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var shape = SpecMapper.ShapeProblems(dto);
        if (shape.Count > 0)
        {
            return new Prepared(ProvisioningResult.Refused(shape), null, null, []);
        }

        HostInfo host = inventory.Host;
        GuestSpec spec = SpecFor(dto);
        GuestValidationResult result = await session.RunAsync(c => GuestSpecValidator.Validate(spec, HostLimitsReader.Read(c, host)), ct);

        // The tree is looked at even when other fields are wrong, so the wizard's first step can say what is wrong with it.
        InstallTreeImages? images = null;
        var problems = result.Problems.ToList();
        if (spec.Source is GuestSource.NetworkInstall install && !problems.Any(p => p.Field == InstallTreeProblems.Field))
        {
            (images, ValidationProblem? treeProblem, Uri? found) = await FindInstallTreeAsync(install, spec.OsVariant, ct);
            if (treeProblem is not null)
            {
                problems.Add(treeProblem);
            }
            else if (found is not null && result.Guest is not null && found.AbsoluteUri.TrimEnd('/') != install.Url.TrimEnd('/'))
            {
                // A mirror root was typed: the installer is given the tree found under it.
                result = result with { Guest = result.Guest.WithInstallTree(found.AbsoluteUri) };
            }
        }

        if (problems.Count > 0)
        {
            return new Prepared(ProvisioningResult.Refused(SpecMapper.ToDtos(problems)), null, null, []);
        }

        var warnings = spec.OsVariant is string variant && osInfo.FindByShortId(variant) is OsInfoEntry os
            ? SpecMapper.ToDtos(OsMinimumAdvisor.Check(spec, os))
            : [];
        var context = new GuestBuildContext(CreatorName(dto.RequestedBy), DateTimeOffset.UtcNow);
        if (result.Guest!.CloudImage is CloudImagePlan cloud)
        {
            var (refusal, seed, withUuid) = await PrepareCloudAsync(result.Guest, cloud, context, ct);
            return refusal is not null
                ? new Prepared(refusal, null, null, [])
                : new Prepared(null, result.Guest, DomainXmlBuilder.BuildString(result.Guest, withUuid), warnings, Seed: seed);
        }

        if (images is null)
        {
            return new Prepared(null, result.Guest, DomainXmlBuilder.BuildString(result.Guest!, context), warnings);
        }

        // One UUID for both definitions: the installer boot and the disk boot replacing it.
        context = context with { Uuid = Guid.NewGuid() };
        ValidatedGuest guest = result.Guest!;
        string stem = Path.Combine(options.Value.BootDirectory, $"webvirt-{spec.Name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        var kernel = new DirectKernelBoot(stem + ".kernel", stem + ".initrd", images.UrlArgument);
        var boot = new NetworkBoot(new Uri(((GuestSource.NetworkInstall)guest.Spec.Source).Url), images, kernel, DomainXmlBuilder.BuildString(guest, context));
        return new Prepared(null, guest, DomainXmlBuilder.BuildString(guest, context, kernel), warnings, boot);
    }

    /// <summary>The installer images and the tree they are in (the typed URL or the tree under that mirror root), or why there is none; nothing is downloaded yet.</summary>
    private async Task<(InstallTreeImages? Images, ValidationProblem? Problem, Uri? Tree)> FindInstallTreeAsync(GuestSource.NetworkInstall install, string? osVariant, CancellationToken ct)
    {
        var tree = new Uri(install.Url);
        if (tree.Scheme.Equals("nfs", StringComparison.OrdinalIgnoreCase))
        {
            return (null, InstallTreeProblems.NfsNotFetched(install.Url), null);
        }

        string? suffix = osVariant is null ? null : MirrorRoots.TreeSuffix(osInfo.FindByShortId(osVariant)?.InstallTreeUrl);
        try
        {
            var (images, tried, found) = await installTrees.FindImagesAsync(tree, suffix, ct);
            return images is null ? (null, InstallTreeProblems.NoKernel(install.Url, tried), null) : (images, null, found);
        }
        catch (InstallTreeException ex)
        {
            return (null, InstallTreeProblems.Unreadable(install.Url, ex.Message), null);
        }
    }

    private async Task RunCreateAsync(TaskHandle task, ValidatedGuest guest, string xml, NetworkBoot? install, GuestSpecDto dto, CloudSeed? seed)
    {
        await Task.Yield();
        GuestSpec spec = guest.Spec;

        // A delete of this guest cancels the task, which then rolls back what it made.
        using var work = guestTasks.Begin(spec.Name, lifetime.ApplicationStopping);
        CancellationToken ct = work.Token;
        string? createdVolume = null;
        string? createdSeed = null;
        string? uuid = null;
        string step = ErrorCodes.TaskFailedDownloadInstaller;
        try
        {
            if (install is not null)
            {
                await DownloadInstallerAsync(task, install, ct);
            }

            step = ErrorCodes.TaskFailedAllocateDisk;
            if (guest.NewVolume is NewVolumePlan cloudDisk && guest.CloudImage is CloudImagePlan cloud)
            {
                step = ErrorCodes.TaskFailedCopyDisks;
                createdVolume = await CreateCloudDiskAsync(task, cloudDisk, cloud, ct);
                step = ErrorCodes.TaskFailedCloudSeed;
                await WriteSeedAsync(task, cloud, seed!, path => createdSeed = path, ct);
            }
            else if (guest.NewVolume is NewVolumePlan plan)
            {
                await task.LogAsync(VolumeCreatingText(plan), 10);
                await task.MakingAsync(TaskLeftover.Volume(plan.Pool, plan.VolumeName));
                createdVolume = await session.RunAsync(c => plan.Import is { } image ? CreateVolumeFromImage(c, plan, image.SourcePath, image.SourceFormat, image.Overlay) : CreateVolume(c, plan), ct);
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskVolumeCreated, createdVolume), 40);
            }

            step = ErrorCodes.TaskFailedDefine;
            await task.LogAsync(TaskText.Of(ErrorCodes.TaskDefining), 50);
            uuid = await session.RunAsync(c =>
            {
                using var domain = c.DefineDomainXml(xml);
                return domain.Uuid;
            }, ct);
            await task.MakingAsync(TaskLeftover.Guest(uuid));
            await task.LogAsync(TaskText.Of(ErrorCodes.TaskDefined, uuid), 70, targetUuid: uuid);

            if (spec.Autostart)
            {
                step = ErrorCodes.TaskFailedAutostart;
                await session.RunAsync(c => { using var d = c.LookupDomainByUuid(uuid); d.SetAutostart(true); }, ct);
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskAutostartOn), 80);
            }

            // A network install has nothing to boot but its installer, so it always starts.
            if (spec.StartAfterCreate || install is not null)
            {
                step = ErrorCodes.TaskFailedStart;
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskStarting), 85);
                await session.RunAsync(c => { using var d = c.LookupDomainByUuid(uuid); d.Create(); }, ct);
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskStarted), 90);
            }

            if (install is not null)
            {
                step = ErrorCodes.TaskFailedSwitchToDiskBoot;
                await session.RunAsync(c => { using var d = c.DefineDomainXml(install.FinalXml); }, ct);
                installWatcher.Watch(uuid, spec.Name);
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskInstallerRuns), 95);
                // Before the task says it is done: whoever reads "succeeded" finds no installer files left.
                RemoveInstallerFiles(install);
            }

            await RecordCreationAsync(task, uuid, spec.Name, "create", JsonSerializer.Serialize(Recorded(dto), AgentHubJson.Default.GuestSpecDto), dto.RequestedBy);
            await inventory.RefreshGuestAsync(uuid, CancellationToken.None);
            await task.SucceedAsync(TaskText.Of(ErrorCodes.TaskCreated, spec.Name));
        }
        catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException or OperationCanceledException or InstallTreeException or IOException or UnauthorizedAccessException)
        {
            await RollBackAsync(task, uuid, new[] { createdVolume, createdSeed }.OfType<string>().ToList());
            if (ex is LibvirtException && createdVolume is null && guest.NewVolume is NewVolumePlan never)
            {
                // The volume's creation itself failed, so libvirt made nothing.
                await task.RemovedAsync(TaskLeftover.Volume(never.Pool, never.VolumeName));
            }

            if (ex is LibvirtException && step == ErrorCodes.TaskFailedCloudSeed && createdSeed is null && guest.CloudImage is CloudImagePlan noSeed)
            {
                await task.RemovedAsync(TaskLeftover.Volume(noSeed.SeedPool, noSeed.SeedVolumeName));
            }

            await task.FailAsync(TaskText.Of(step).Because(ex is InstallTreeException ? TaskCauses.Io(ex) : TaskCauses.Of(ex, "create")));
            Log.TaskFailed(logger, "create", spec.Name, step, ex.Message);
        }
        finally
        {
            // QEMU has read the installer into the guest's memory by now (or never will): the files go either way.
            if (install is not null)
            {
                RemoveInstallerFiles(install);
            }
        }
    }

    private static void RemoveInstallerFiles(NetworkBoot install)
    {
        File.Delete(install.Kernel.KernelPath);
        File.Delete(install.Kernel.InitrdPath);
    }

    private async Task DownloadInstallerAsync(TaskHandle task, NetworkBoot install, CancellationToken ct)
    {
        Directory.CreateDirectory(options.Value.BootDirectory);
        await task.LogAsync(TaskText.Of(ErrorCodes.TaskInstallerDownloading, install.Tree.ToString(), install.Images.Layout.ToString()), 2);
        await installTrees.DownloadAsync(install.Tree, install.Images.KernelPath, install.Kernel.KernelPath, bytes => task.ProgressAsync(bytes), ct);
        await task.LogAsync(TaskText.Of(ErrorCodes.TaskKernelDownloaded, TaskArguments.Bytes(new FileInfo(install.Kernel.KernelPath).Length)), 5);
        await installTrees.DownloadAsync(install.Tree, install.Images.InitrdPath, install.Kernel.InitrdPath, bytes => task.ProgressAsync(bytes), ct);
        await task.LogAsync(TaskText.Of(ErrorCodes.TaskInitrdDownloaded, TaskArguments.Bytes(new FileInfo(install.Kernel.InitrdPath).Length)), 9);
    }

    private static string CreateVolume(LibvirtConnection connection, NewVolumePlan plan)
    {
        using LibvirtStoragePool pool = connection.LookupStoragePoolByName(plan.Pool);
        StoragePoolInfo info = HostLimitsReader.ReadPools(connection).Single(p => p.Name == plan.Pool);
        var format = plan.Format == DiskFormat.Raw ? VolumeFormat.Raw : VolumeFormat.Qcow2;
        var validated = VolumeValidator.ValidateNew(new VolumeSpec(plan.VolumeName, format, plan.CapacityBytes, plan.Thin ? 0 : plan.CapacityBytes), info);
        if (!validated.IsValid)
        {
            throw new LibvirtException(0, 0, string.Join("; ", validated.Problems));
        }

        using LibvirtStorageVolume volume = pool.CreateVolumeXml(VolumeXmlBuilder.BuildString(validated.Value!));
        return volume.GetPath();
    }

    private async Task RollBackAsync(TaskHandle task, string? uuid, IReadOnlyList<string> volumes)
    {
        if (uuid is not null)
        {
            try
            {
                await session.RunAsync(c =>
                {
                    using var d = c.LookupDomainByUuid(uuid);
                    if (d.IsActive())
                    {
                        d.Destroy();
                    }

                    d.Undefine();
                }, CancellationToken.None);
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskRolledBackGuest, uuid));
                await task.RemovedAsync(TaskLeftover.Guest(uuid));
            }
            catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException)
            {
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskRollbackGuestFailed, uuid).Because(TaskCauses.Of(ex, "rollback")));
            }
        }

        foreach (string path in volumes)
        {
            try
            {
                string leftover = await session.RunAsync(c =>
                {
                    using var v = c.LookupStorageVolumeByPath(path);
                    using var pool = LibvirtStoragePool.LookupByVolume(v);
                    string made = TaskLeftover.Volume(pool.Name, v.Name);
                    v.Delete();
                    return made;
                }, CancellationToken.None);
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskRolledBackVolume, path));
                await task.RemovedAsync(leftover);
            }
            catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException)
            {
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskRollbackVolumeFailed, path).Because(TaskCauses.Of(ex, "rollback")));
            }
        }
    }

    private async Task RecordCreationAsync(TaskHandle task, string uuid, string name, string kind, string json, string user)
    {
        try
        {
            await store.AddCreationRecordAsync(
                new LocalCreationRecord { GuestUuid = uuid, GuestName = name, Kind = kind, SpecJson = json, CreatedBy = user, CreatedAt = DateTimeOffset.UtcNow, TaskId = Guid.Parse(task.Id) },
                CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The guest exists and carries the same record in its metadata; only the state file's copy is missing.
            await task.LogAsync(TaskText.Of(ErrorCodes.TaskRecordNotStored).Because(TaskCauses.Io(ex)));
        }
    }

    private static string CreatorName(string? user) => string.IsNullOrWhiteSpace(user) ? "unknown" : user.Trim();

    private static partial class Log
    {
        [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "{Kind} of guest {Name} failed at step {Step}: {Error}")]
        public static partial void TaskFailed(ILogger logger, string kind, string name, string step, string error);
    }
}
