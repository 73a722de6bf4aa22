using WebVirt.Domain.Guests;

namespace WebVirt.Domain.Validation;

/// <summary>
/// Checks a <see cref="GuestSpec"/> against the host and reports every problem at once, so the
/// wizard can mark all bad fields in one round trip.
/// </summary>
public static class GuestSpecValidator
{
    public const long MinimumMemoryMiB = MemoryRules.MinimumMiB;

    public static GuestValidationResult Validate(GuestSpec spec, HostLimits host)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<ValidationProblem>();

        NameRules.CheckGuestName(spec.Name, host.ExistingGuestNames, "Name", problems);
        CheckResources(spec, host, problems);
        CheckSystem(spec, host, problems);
        CpuMode cpuMode = CheckCpu(spec, problems);
        TextRules.Check(spec.Description, "Description", TextRules.MaxDescriptionLength, allowLineBreaks: true, problems);
        if (spec.OsVariant is not null && !NameRules.IsValidOsVariant(spec.OsVariant))
        {
            problems.Add(ValidationProblem.Create("OsVariant", ValidationKeys.OsVariantInvalid, PoolPathRules.Printable(spec.OsVariant)));
        }

        var disks = new List<ResolvedDisk>();
        string? cdrom = CheckSource(spec, host, disks, problems, out ImageImport? image);
        NewVolumePlan? newVolume = CheckDisk(spec, host, disks, problems);
        if (newVolume is not null && image is not null)
        {
            // The new disk is made from the imported image instead of empty.
            newVolume = newVolume with { Import = image };
        }
        string? mac = NicRules.Check(spec.Nic, host, "Nic", problems);
        string? driversIso = DriversIsoRules.Check(spec, host, problems);
        CloudImagePlan? cloudImage = spec.Source is GuestSource.CloudImage cloud ? CloudImageRules.Check(spec, cloud, host, newVolume, problems) : null;

        return problems.Count > 0
            ? new GuestValidationResult(null, problems)
            : new GuestValidationResult(new ValidatedGuest(spec, cpuMode, mac, cloudImage?.SeedPath ?? cdrom, disks, newVolume, driversIso, cloudImage), problems);
    }

    private static void CheckResources(GuestSpec spec, HostLimits host, List<ValidationProblem> problems)
    {
        if (spec.VCpus < 1 || spec.VCpus > host.HostCpus)
        {
            problems.Add(ValidationProblem.Create("VCpus", ValidationKeys.VCpusOutOfRange, host.HostCpus, spec.VCpus));
        }

        MemoryRules.CheckSize(spec.MemoryMiB, host.HostMemoryMiB, "MemoryMiB", problems);
    }

    private static void CheckSystem(GuestSpec spec, HostLimits host, List<ValidationProblem> problems)
    {
        if (!Enum.IsDefined(spec.Firmware))
        {
            problems.Add(ValidationProblem.Create("Firmware", ValidationKeys.OptionInvalid, (int)spec.Firmware, "Firmware"));
        }
        else if (spec.Firmware != Firmware.Bios && !host.OvmfAvailable)
        {
            problems.Add(ValidationProblem.Create("Firmware", ValidationKeys.UefiUnavailable));
        }
        else if (spec.Firmware == Firmware.UefiSecureBoot)
        {
            FirmwareRules.CheckSecureBoot(spec.MachineType, host, "Firmware", problems);
        }

        if (spec.Tpm && !host.TpmAvailable)
        {
            problems.Add(ValidationProblem.Create("Tpm", ValidationKeys.TpmUnavailable));
        }

        if (!NameRules.IsValidMachineType(spec.MachineType))
        {
            problems.Add(ValidationProblem.Create("MachineType", ValidationKeys.MachineTypeInvalid, PoolPathRules.Printable(spec.MachineType ?? string.Empty)));
        }

        if (!Enum.IsDefined(spec.Accelerator))
        {
            problems.Add(ValidationProblem.Create("Accelerator", ValidationKeys.OptionInvalid, (int)spec.Accelerator, "Accelerator"));
        }
        else if (spec.Accelerator == Accelerator.Kvm && !host.KvmAvailable)
        {
            problems.Add(ValidationProblem.Create("Accelerator", ValidationKeys.KvmUnavailable));
        }
    }

    private static CpuMode CheckCpu(GuestSpec spec, List<ValidationProblem> problems)
    {
        CpuMode mode = spec.CpuMode ?? (spec.Accelerator == Accelerator.Emulation ? CpuMode.Maximum : CpuMode.HostPassthrough);
        if (!Enum.IsDefined(mode))
        {
            problems.Add(ValidationProblem.Create("CpuMode", ValidationKeys.OptionInvalid, (int)mode, "CpuMode"));
            return mode;
        }

        // TCG has no host CPU to pass through or to model after.
        if (spec.Accelerator == Accelerator.Emulation && mode is CpuMode.HostPassthrough or CpuMode.HostModel)
        {
            problems.Add(ValidationProblem.Create("CpuMode", ValidationKeys.CpuModeNeedsKvm, CpuModeNames.Libvirt(mode)));
        }

        if (mode == CpuMode.Custom)
        {
            if (string.IsNullOrEmpty(spec.CustomCpuModel))
            {
                problems.Add(ValidationProblem.Create("CustomCpuModel", ValidationKeys.CpuModelRequired));
            }
            else if (!NameRules.IsValidIdentifier(spec.CustomCpuModel))
            {
                problems.Add(ValidationProblem.Create("CustomCpuModel", ValidationKeys.CpuModelInvalid, PoolPathRules.Printable(spec.CustomCpuModel)));
            }
        }

        return mode;
    }

    private static string? CheckSource(GuestSpec spec, HostLimits host, List<ResolvedDisk> disks, List<ValidationProblem> problems, out ImageImport? image)
    {
        image = null;
        switch (spec.Source)
        {
            case GuestSource.IsoVolume iso:
                PoolVolume? isoVolume = PoolPathRules.FindVolume(iso.VolumePath, iso.Pool, host.Pools, "Source.VolumePath", problems);
                return isoVolume is null ? null : Path.GetFullPath(isoVolume.Path);
            case GuestSource.NetworkInstall install:
                UrlRules.Check(install.Url, "Source.Url", problems);
                TextRules.Check(install.KernelArgs, "Source.KernelArgs", TextRules.MaxKernelArgsLength, allowLineBreaks: false, problems);
                return null;
            case GuestSource.ImportDisk import:
                image = ImportRules.Check(spec, import, host, disks, problems);
                return null;
            case GuestSource.Pxe:
            case GuestSource.CloudImage:
                // The cloud image and its seed are checked once the new disk is planned (CloudImageRules).
                return null;
            case GuestSource.FromTemplate template:
                CheckTemplate(template, spec, host, problems);
                return null;
            default:
                problems.Add(ValidationProblem.Create("Source", ValidationKeys.Required, "Source"));
                return null;
        }
    }

    private static void CheckTemplate(GuestSource.FromTemplate template, GuestSpec spec, HostLimits host, List<ValidationProblem> problems)
    {
        if (UuidRules.Check(template.TemplateUuid, "Source.TemplateUuid", ValidationKeys.TemplateUuidInvalid, problems) is Guid uuid
            && !host.TemplateUuids.Any(t => UuidRules.TryParse(t, out Guid known) && known == uuid))
        {
            problems.Add(ValidationProblem.Create("Source.TemplateUuid", ValidationKeys.TemplateUnknown, template.TemplateUuid!));
        }

        // The template's own disks are copied; an extra disk here would be silently lost by the clone.
        if (spec.Disk is not GuestDisk.None)
        {
            problems.Add(ValidationProblem.Create("Disk", ValidationKeys.TemplateUsesClone));
        }
    }

    private static NewVolumePlan? CheckDisk(GuestSpec spec, HostLimits host, List<ResolvedDisk> disks, List<ValidationProblem> problems)
    {
        switch (spec.Disk)
        {
            case GuestDisk.NewVolume volume:
                return PlanVolume(spec.Name, volume, host, disks, problems);
            case GuestDisk.ExistingVolume existing:
                PoolVolume? found = PoolPathRules.FindVolume(existing.Path, null, host.Pools, "Disk.Path", problems);
                if (found is not null)
                {
                    disks.Add(new ResolvedDisk(Path.GetFullPath(found.Path), DriverFormat(found.Format)));
                }

                return null;
            case GuestDisk.None:
                return null;
            default:
                problems.Add(ValidationProblem.Create("Disk", ValidationKeys.Required, "Disk"));
                return null;
        }
    }

    private static NewVolumePlan? PlanVolume(string name, GuestDisk.NewVolume volume, HostLimits host, List<ResolvedDisk> disks, List<ValidationProblem> problems)
    {
        StoragePoolInfo? pool = host.Pools.FirstOrDefault(p => p.Name == volume.Pool);
        bool ok = true;
        if (pool is null)
        {
            problems.Add(ValidationProblem.Create("Disk.Pool", ValidationKeys.PoolUnknown, PoolPathRules.Printable(volume.Pool ?? string.Empty)));
            ok = false;
        }

        if (!Enum.IsDefined(volume.Format))
        {
            problems.Add(ValidationProblem.Create("Disk.Format", ValidationKeys.OptionInvalid, (int)volume.Format, "Disk.Format"));
            ok = false;
        }

        if (!SizeRules.CheckDiskGiB(volume.SizeGiB, "Disk.SizeGiB", problems))
        {
            ok = false;
        }
        else if (pool is not null && volume.SizeGiB * SizeRules.GiB > pool.AvailableBytes)
        {
            // Thin volumes too: nothing stops the guest from filling them, and a full pool pauses every guest on it.
            problems.Add(ValidationProblem.Create("Disk.SizeGiB", ValidationKeys.DiskExceedsPoolFree, volume.SizeGiB, pool.Name, pool.AvailableBytes / SizeRules.GiB));
            ok = false;
        }

        if (!ok || !NameRules.IsValidGuestName(name))
        {
            return null;
        }

        string extension = volume.Format == DiskFormat.Qcow2 ? "qcow2" : "img";
        string volumeName = $"{name}.{extension}";
        string path = Path.Combine(Path.GetFullPath(pool!.TargetPath), volumeName);
        if (pool.Volumes.Any(v => Path.GetFullPath(v.Path) == path))
        {
            problems.Add(ValidationProblem.Create("Disk.Pool", ValidationKeys.VolumeExists, volumeName, pool.Name));
            return null;
        }

        disks.Add(new ResolvedDisk(path, extension == "qcow2" ? "qcow2" : "raw"));
        return new NewVolumePlan(pool.Name, volumeName, path, volume.SizeGiB * SizeRules.GiB, volume.Format, volume.Thin);
    }

    // libvirt reports ISO and other raw images as "iso"/"raw"; QEMU reads them all as raw.
    private static string DriverFormat(string volumeFormat) => volumeFormat == "qcow2" ? "qcow2" : "raw";
}
