namespace WebVirt.Web.Components.Dashboard;

/// <summary>The guest table's sortable columns.</summary>
public enum GuestColumn
{
    Name,
    Host,
    State,
    VCpus,
    Memory,
    Cpu,
    Autostart,
}
