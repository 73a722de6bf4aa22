using System.Xml.Linq;
using WebVirt.Agent.Failures;
using WebVirt.Contracts;
using WebVirt.Domain.Networks;

namespace WebVirt.Agent.Networks;

/// <summary>
/// Network boot (PXE) on an existing network: the persistent definition is defined again with the new
/// &lt;tftp&gt;/&lt;bootp&gt;, checked by the rules a new network's boot server is checked by. libvirt cannot
/// change TFTP on a running network (virNetworkUpdate has no section for it), so a running network
/// keeps serving what it started with until its next start; the summary marks that as pending.
/// </summary>
internal sealed partial class NetworkService
{
    public Task<ActionResult> SetBootAsync(string name, NetworkBootSettings settings, CancellationToken cancellationToken) =>
        session.RunAsync(c =>
        {
            ArgumentNullException.ThrowIfNull(settings);
            using var network = c.LookupNetworkByName(name);
            if (!network.IsPersistent())
            {
                return ActionResult.Fail(ErrorCodes.NetworkTransient, name);
            }

            NetworkBoot? boot = Blank(settings.TftpRoot) is null && Blank(settings.BootFile) is null && Blank(settings.BootServer) is null
                ? null
                : new NetworkBoot(Blank(settings.TftpRoot) ?? "", Blank(settings.BootFile) ?? "", Blank(settings.BootServer));
            var definition = XDocument.Parse(network.GetXmlDesc(inactive: true)).Root!;
            if (boot is not null && NetworkBootXml.Check(definition, boot, BootFolderInspector.Inspect(boot)) is { Count: > 0 } problems)
            {
                return Refusals.Refused(problems);
            }

            using (c.DefineNetworkXml(NetworkBootXml.With(definition, boot).ToString(SaveOptions.DisableFormatting), validate: true))
            {
            }

            Log.BootSet(logger, name, boot is not null, network.IsActive());
            return ActionResult.Success;
        }, cancellationToken);
}
