"""bylinecluster - Byline indexes sharded over a Dask cluster and searched
as one index.  A cluster is a directory: CLUSTER (manifest.py) and
shard-000 ... shard-N-1, each an ordinary Byline index holding the
articles whose id byline_shard_of() sends there.

    from distributed import Client
    from bylinecluster import writes, dfs
    client = Client("tcp://scheduler:8786")
    writes.build(client, "/shared/news.cluster", 4, ["/shared/dumps"])
    c = dfs.Cluster(client, "/shared/news.cluster")
    for h in c.search('"export controls"', k=10):
        print(h.score, h.id, h.title)

Modules: manifest (the cluster's small checked file), shardwork (the
tasks a worker runs on its shards), fanout (one task per shard, failures
named), dfs (the distributed search: statistics, search, merge; names;
collapse of near-duplicates), labels (the clusters of every shard's
articles together, a checked file per shard),
writes (build, add, delete), cli (the byline-cluster command).  Only
byline's public Python API is used; nothing in libbyline knows of Dask.
docs/SCALING.md is the guide.
"""
