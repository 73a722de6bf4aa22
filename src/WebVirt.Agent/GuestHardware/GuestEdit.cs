using System.Globalization;
using WebVirt.Agent.Provisioning;
using WebVirt.Agent.Session;
using WebVirt.Agent.Storage;
using WebVirt.Contracts;
using WebVirt.Domain.Devices;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;

namespace WebVirt.Agent.GuestHardware;

/// <summary>One guest during an edit, inside a libvirt call: its XMLs, the host's limits, and how to save.</summary>
internal sealed class GuestEdit(LibvirtConnection connection, LibvirtDomain domain, HostInfo host)
{
    public LibvirtConnection Connection => connection;

    public LibvirtDomain Domain => domain;

    /// <summary>Running or paused: libvirt then has a live definition besides the persistent one.</summary>
    public bool Active { get; } = domain.IsActive();

    public string Persistent() => domain.GetXmlDesc(inactive: true);

    public string Live() => domain.GetXmlDesc();

    public HostLimits Limits() => HostLimitsReader.Read(connection, host);

    /// <summary>Where a device change goes: the running guest too when it is active and can take it.</summary>
    public DomainModificationImpact DeviceImpact(bool liveCapable) =>
        Active && liveCapable ? DomainModificationImpact.Live | DomainModificationImpact.Config : DomainModificationImpact.Config;

    /// <summary>Saves <paramref name="xml"/> as the persistent definition, checked by libvirt's schema.</summary>
    public void Redefine(string xml)
    {
        using LibvirtDomain _ = connection.DefineDomainXml(xml, DomainDefineFlags.Validate);
    }

    /// <summary>
    /// Saves the new persistent definition, then changes the running guest; when that fails the
    /// old definition is put back, so a refused edit leaves nothing changed.
    /// </summary>
    public void RedefineThenLive(string newXml, Action? live)
    {
        string old = Persistent();
        Redefine(newXml);
        try
        {
            live?.Invoke();
        }
        catch (LibvirtException)
        {
            Redefine(old);
            throw;
        }
    }

    /// <summary>Which guests use which files, backing chains included (<see cref="VolumeUsageReader"/>).</summary>
    public VolumeUsage VolumeUsage() => VolumeUsageReader.Read(connection);

    public static ActionResult Refused(IReadOnlyList<ValidationProblem> problems, string? culture) => ResourceResults.Refused(problems, culture);

    /// <summary>Success; on a running guest that could not take all of it live, says it applies at next boot.</summary>
    public ActionResult Applied(bool allLive, string? culture) =>
        Active && !allLive ? new ActionResult(true, null, EditRequests.AppliesAtNextBoot(CultureOf(culture))) : ActionResult.Success;

    /// <summary>Success with a note on what was left undone (the change itself stands).</summary>
    public static ActionResult AppliedWithNote(ValidationProblem note, string? culture) => new(true, null, note.Format(CultureOf(culture)));

    private static CultureInfo CultureOf(string? name)
    {
        try
        {
            return string.IsNullOrWhiteSpace(name) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
