using System.Text.Json;
using WebVirt.Agent.Session;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;
using WebVirt.Domain.Cloning;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;
using StoragePoolInfo = WebVirt.Domain.Validation.StoragePoolInfo;

namespace WebVirt.Agent.Provisioning;

/// <summary>
/// Clones and templates: a clone gets a new name, UUID and MAC addresses and a full copy of each
/// writable disk (or a thin qcow2 overlay on it for a linked clone); a template cannot be started.
/// </summary>
internal sealed partial class ProvisioningService
{
    public async Task<ProvisioningResult> CloneAsync(CloneGuestRequest request, CancellationToken ct)
    {
        if (!UuidRules.IsValid(request.SourceUuid))
        {
            return ProvisioningResult.Fail(ErrorCodes.GuestUuidInvalid, request.SourceUuid);
        }

        var plan = await session.RunAsync(c => PlanClone(c, request), ct);
        if (plan.Refusal is not null)
        {
            return plan.Refusal;
        }

        var task = await tasks.StartAsync("clone", request.NewName, request.RequestedBy);
        Track(RunCloneAsync(task, request, plan));
        return ProvisioningResult.Started(task.Id);
    }

    public async Task<ActionResult> SetTemplateAsync(string uuid, bool isTemplate, CancellationToken ct)
    {
        if (!UuidRules.IsValid(uuid))
        {
            return ActionResult.Fail(ErrorCodes.GuestUuidInvalid, uuid);
        }

        await session.RunAsync(c => TemplateGuard.SetTemplate(c, uuid, isTemplate), ct);
        await inventory.RefreshGuestAsync(uuid, ct);
        return ActionResult.Success;
    }

    private sealed record ClonePlan(ProvisioningResult? Refusal, string? Xml, IReadOnlyList<DiskCopy> Copies, string? SourceName, CloneSeed? Seed = null);

    /// <summary>
    /// One writable disk of a clone: a full copy of <paramref name="SourcePath"/>, or a qcow2 overlay on it when <paramref name="Linked"/>;
    /// a full copy is grown to <paramref name="GrowTo"/> bytes afterwards (an overlay is made at its size).
    /// </summary>
    private sealed record DiskCopy(string SourcePath, string Pool, string NewName, string XmlSpec, bool Linked, long? GrowTo = null);

    private ClonePlan PlanClone(LibvirtConnection connection, CloneGuestRequest request)
    {
        using LibvirtDomain source = connection.LookupDomainByUuid(request.SourceUuid);
        if (source.IsActive())
        {
            return new ClonePlan(ProvisioningResult.Fail(ErrorCodes.GuestRunning, source.Name), null, [], null);
        }

        string xml = source.GetXmlDesc(inactive: true);
        HostLimits limits = HostLimitsReader.Read(connection, inventory.Host);
        var copies = new List<DiskCopy>();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<ValidationProblem>();
        var (cloudSource, cloudInit) = CheckCloneCloudInit(xml, source.Name, request, problems);
        StoragePoolInfo? firstPool = null;
        var writable = GuestDisks.Read(source.Name, xml).Where(d => d.Writable).ToList();
        for (int i = 0; i < writable.Count; i++)
        {
            string path = writable[i].Path;
            StoragePoolInfo? pool = limits.Pools.FirstOrDefault(p => PoolPathRules.IsInside(Path.GetFullPath(path), p));
            if (pool is null)
            {
                problems.Add(new ValidationProblem("DiskCopies", ValidationKeys.PathOutsidePools, ValidationMessages.Template(ValidationKeys.PathOutsidePools, System.Globalization.CultureInfo.InvariantCulture), [path]));
                continue;
            }

            using LibvirtStorageVolume volume = connection.LookupStorageVolumeByPath(path);
            string sourceFormat = pool.Volumes.FirstOrDefault(v => v.Path == path)?.Format ?? "raw";
            VolumeFormat format = sourceFormat == "qcow2" ? VolumeFormat.Qcow2 : VolumeFormat.Raw;
            if (request.Linked && format != VolumeFormat.Qcow2)
            {
                // The clone's XML keeps the source's driver type, so an overlay can only stand in for a qcow2 disk.
                problems.Add(new ValidationProblem("DiskCopies", ValidationKeys.CloneLinkedNeedsQcow2, ValidationMessages.Template(ValidationKeys.CloneLinkedNeedsQcow2, System.Globalization.CultureInfo.InvariantCulture), [path]));
                continue;
            }

            string suffix = writable.Count == 1 ? "" : $"-{i + 1}";
            string name = $"{request.NewName}{suffix}{(format == VolumeFormat.Qcow2 ? ".qcow2" : ".img")}";
            long capacity = (long)volume.GetInfo().CapacityBytes;
            long? growTo = null;
            if (i == 0 && cloudSource)
            {
                // A cloud template's clone may grow its first disk; cloud-init's growpart then grows the file system.
                firstPool = pool;
                long wanted = CloudInitRules.CheckCloneDiskSize(request.DiskSizeGiB, capacity, problems) ?? capacity;
                growTo = wanted > capacity && !request.Linked ? wanted : null;
                capacity = wanted;
            }

            var validated = request.Linked
                ? VolumeValidator.ValidateNew(new VolumeSpec(name, VolumeFormat.Qcow2, capacity, 0), pool)
                : VolumeValidator.ValidateClone(new VolumeCloneSpec(name, format, capacity), pool);
            if (!validated.IsValid)
            {
                problems.AddRange(validated.Problems);
                continue;
            }

            map[path] = validated.Value!.Path;
            copies.Add(new DiskCopy(
                path,
                pool.Name,
                name,
                request.Linked ? VolumeXmlBuilder.BuildOverlayString(validated.Value, path, format) : VolumeXmlBuilder.BuildString(validated.Value),
                request.Linked,
                growTo));
        }

        CloneSeed? seed = cloudInit is not null && firstPool is not null && problems.Count == 0 ? PlanCloneSeed(cloudInit, firstPool, request.NewName, problems) : null;

        if (problems.Count > 0)
        {
            return new ClonePlan(ProvisioningResult.Refused(SpecMapper.ToDtos(problems)), null, [], source.Name);
        }

        var result = CloneXmlTransformer.Transform(xml, new CloneRequest(request.NewName, map, CreatorName(request.RequestedBy), DateTimeOffset.UtcNow), limits);
        return result.IsValid
            ? new ClonePlan(null, seed is null ? result.Xml : WithCloneSeed(result.Xml!, source.Name, seed), copies, source.Name, seed)
            : new ClonePlan(ProvisioningResult.Refused(SpecMapper.ToDtos(result.Problems)), null, [], source.Name);
    }

    private async Task RunCloneAsync(TaskHandle task, CloneGuestRequest request, ClonePlan plan)
    {
        await Task.Yield();
        using var work = guestTasks.Begin(request.NewName, lifetime.ApplicationStopping);
        CancellationToken ct = work.Token;
        var made = new List<string>();
        string? uuid = null;
        string step = ErrorCodes.TaskFailedCopyDisks;
        try
        {
            long copied = 0;
            for (int i = 0; i < plan.Copies.Count; i++)
            {
                var copy = plan.Copies[i];
                await task.LogAsync(
                    copy.Linked
                        ? TaskText.Of(ErrorCodes.TaskCloneLinking, copy.NewName, copy.Pool, copy.SourcePath)
                        : TaskText.Of(ErrorCodes.TaskCloneCopying, copy.SourcePath, copy.NewName, copy.Pool),
                    5 + (80 * i / Math.Max(1, plan.Copies.Count)));
                await task.MakingAsync(TaskLeftover.Volume(copy.Pool, copy.NewName));
                var (path, bytes) = await session.RunAsync(c =>
                {
                    using LibvirtStoragePool pool = c.LookupStoragePoolByName(copy.Pool);
                    using LibvirtStorageVolume source = c.LookupStorageVolumeByPath(copy.SourcePath);
                    using LibvirtStorageVolume target = copy.Linked ? pool.CreateVolumeXml(copy.XmlSpec) : pool.CreateVolumeXmlFrom(copy.XmlSpec, source);
                    return (target.GetPath(), (long)target.GetInfo().AllocationBytes);
                }, ct);
                made.Add(path);
                copied += bytes;
                if (copy.GrowTo is long growTo)
                {
                    await GrowCloneDiskAsync(task, path, growTo, ct);
                }

                await task.LogAsync(TaskText.Of(copy.Linked ? ErrorCodes.TaskCloneLinked : ErrorCodes.TaskCloneCopied, path), 5 + (80 * (i + 1) / Math.Max(1, plan.Copies.Count)), copied);
            }

            if (plan.Seed is CloneSeed seed)
            {
                step = ErrorCodes.TaskFailedCloudSeed;
                await WriteSeedAsync(task, seed.Pool, seed.VolumeName, seed.Image, made.Add, 88, ct);
            }

            step = ErrorCodes.TaskFailedDefine;
            uuid = await session.RunAsync(c => { using var d = c.DefineDomainXml(plan.Xml!); return d.Uuid; }, ct);
            await task.MakingAsync(TaskLeftover.Guest(uuid));
            await task.LogAsync(TaskText.Of(ErrorCodes.TaskCloneDefined, uuid, plan.SourceName ?? ""), 90, targetUuid: uuid);

            if (request.StartAfterClone)
            {
                step = ErrorCodes.TaskFailedStart;
                await session.RunAsync(c => { using var d = c.LookupDomainByUuid(uuid); d.Create(); }, ct);
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskStarted), 95);
            }

            await RecordCreationAsync(task, uuid, request.NewName, "clone", JsonSerializer.Serialize(request, AgentHubJson.Default.CloneGuestRequest), request.RequestedBy);
            await inventory.RefreshGuestAsync(uuid, CancellationToken.None);
            await task.SucceedAsync(TaskText.Of(ErrorCodes.TaskCloned, request.NewName, plan.SourceName ?? ""));
        }
        catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException or OperationCanceledException)
        {
            await RollBackAsync(task, uuid, made);
            if (ex is LibvirtException && step == ErrorCodes.TaskFailedCopyDisks && plan.Copies.Count > made.Count)
            {
                // The copy that failed left nothing: libvirt removes a volume it could not fill.
                var failed = plan.Copies[made.Count];
                await task.RemovedAsync(TaskLeftover.Volume(failed.Pool, failed.NewName));
            }

            if (ex is LibvirtException && step == ErrorCodes.TaskFailedCloudSeed && plan.Seed is CloneSeed noSeed && !made.Contains(noSeed.Path))
            {
                // libvirt refused the seed volume itself: nothing of it is left.
                await task.RemovedAsync(TaskLeftover.Volume(noSeed.Pool, noSeed.VolumeName));
            }

            await task.FailAsync(TaskText.Of(step).Because(TaskCauses.Of(ex, "clone")));
            Log.TaskFailed(logger, "clone", request.NewName, step, ex.Message);
        }
    }
}
