namespace WebVirt.Web.Components.Pages;

/// <summary>The wizard's answer to "attach the virtio driver disk?" for a Windows guest, kept while the user moves between steps.</summary>
public sealed class WindowsDriversChoice
{
    /// <summary>The host whose pools were looked through; another host is looked through afresh.</summary>
    public string? HostId { get; set; }

    public bool Attach { get; set; }

    public string? Pool { get; set; }

    public string? Path { get; set; }

    /// <summary>The driver ISO's file name, for the summary.</summary>
    public string? VolumeName { get; set; }
}
