using WebVirt.Domain.Guests;

namespace WebVirt.Domain.Validation;

/// <summary>A network card: what it plugs into must exist, the model must be known, the MAC unique.</summary>
public static class NicRules
{
    /// <summary>The NIC's MAC (the user's, normalized, or a fresh one), or null after adding the reasons to <paramref name="problems"/>.</summary>
    public static string? Check(GuestNic? nic, HostLimits host, string field, List<ValidationProblem> problems)
    {
        switch (nic?.Network)
        {
            case null:
                problems.Add(ValidationProblem.Create(field, ValidationKeys.Required, field));
                return null;
            case GuestNetwork.None:
                return null;
            case GuestNetwork.LibvirtNetwork network when !host.Networks.Contains(network.Name ?? string.Empty, StringComparer.Ordinal):
                problems.Add(ValidationProblem.Create(field + ".Network", ValidationKeys.NetworkUnknown, PoolPathRules.Printable(network.Name ?? string.Empty)));
                break;
            case GuestNetwork.Bridge bridge when !host.Bridges.Contains(bridge.Name ?? string.Empty, StringComparer.Ordinal):
                problems.Add(ValidationProblem.Create(field + ".Network", ValidationKeys.BridgeUnknown, PoolPathRules.Printable(bridge.Name ?? string.Empty)));
                break;
        }

        if (!GuestNic.SupportedModels.Contains(nic.Model, StringComparer.Ordinal))
        {
            problems.Add(ValidationProblem.Create(field + ".Model", ValidationKeys.NicModelUnknown, PoolPathRules.Printable(nic.Model ?? string.Empty), string.Join(", ", GuestNic.SupportedModels)));
        }

        if (nic.Mac is null)
        {
            return MacAddress.Generate(host.MacsInUse);
        }

        int before = problems.Count;
        MacAddress.Check(nic.Mac, host.MacsInUse, field + ".Mac", problems);
        return problems.Count == before ? MacAddress.Normalize(nic.Mac) : null;
    }
}
