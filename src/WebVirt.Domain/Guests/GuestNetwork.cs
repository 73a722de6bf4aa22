namespace WebVirt.Domain.Guests;

/// <summary>What the guest's network card is plugged into (wizard step 4).</summary>
public abstract record GuestNetwork
{
    private GuestNetwork()
    {
    }

    public sealed record LibvirtNetwork(string Name) : GuestNetwork;

    public sealed record Bridge(string Name) : GuestNetwork;

    public sealed record None : GuestNetwork;
}
