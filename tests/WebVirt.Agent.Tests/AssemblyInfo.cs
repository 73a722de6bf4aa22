// One test class restarts the host's libvirtd and several boot guests on it: classes run one after
// another so that none of them sees another's restart or competes for the two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
