using System.Xml.Linq;

namespace WebVirt.Domain.Storage;

/// <summary>Turns a validated pool into libvirt storage pool XML (virStoragePoolDefineXML) with System.Xml.Linq only.</summary>
public static class StoragePoolXmlBuilder
{
    public static XDocument Build(ValidatedPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        XElement root = pool.Spec switch
        {
            PoolSpec.Directory => Pool("dir", pool, source: null),
            PoolSpec.FileSystem fs => Pool(
                "fs",
                pool,
                new XElement(
                    "source",
                    new XElement("device", new XAttribute("path", pool.SourceDevice!)),
                    new XElement("format", new XAttribute("type", FormatName(fs.Format))))),
            PoolSpec.NetworkFileSystem netfs => Pool(
                "netfs",
                pool,
                new XElement(
                    "source",
                    new XElement("host", new XAttribute("name", netfs.Host)),
                    new XElement("dir", new XAttribute("path", pool.SourceDirectory!)),
                    new XElement("format", new XAttribute("type", netfs.Format == NetworkFileSystemFormat.Nfs ? "nfs" : "auto")))),
            PoolSpec.Logical logical => Pool(
                "logical",
                pool,
                new XElement(
                    "source",
                    new XElement("name", logical.VolumeGroup),
                    pool.SourceDevices.Select(d => new XElement("device", new XAttribute("path", d))),
                    new XElement("format", new XAttribute("type", "lvm2")))),
            _ => throw new ArgumentOutOfRangeException(nameof(pool), pool.Spec, null),
        };
        return new XDocument(root);
    }

    public static string BuildString(ValidatedPool pool) => Build(pool).ToString();

    /// <summary>libvirt's &lt;format type&gt; for a file system pool.</summary>
    public static string FormatName(FileSystemFormat format) => format switch
    {
        FileSystemFormat.Auto => "auto",
        FileSystemFormat.Ext4 => "ext4",
        FileSystemFormat.Xfs => "xfs",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    private static XElement Pool(string type, ValidatedPool pool, XElement? source) => new(
        "pool",
        new XAttribute("type", type),
        new XElement("name", pool.Name),
        source,
        new XElement("target", new XElement("path", pool.TargetPath)));
}
