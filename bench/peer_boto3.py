#!/usr/bin/env python3
"""The peer: what a Python user would write to read the same state ecr-apply's plan reads.

boto3, one client, a thread pool as large as ecr-apply's parallelism. Reads who we are, every
repository (paginated), each repository's tags, lifecycle policy and repository policy, and
the registry's replication and scanning settings. Prints {"calls": N, "repositories": N}.

Usage: peer_boto3.py ENDPOINT [--parallelism 8]
"""
import argparse, json, threading
from concurrent.futures import ThreadPoolExecutor

import boto3

parser = argparse.ArgumentParser()
parser.add_argument("endpoint")
parser.add_argument("--parallelism", type=int, default=8)
parser.add_argument("--region", default="us-east-1")
args = parser.parse_args()

session = boto3.session.Session(region_name=args.region)
ecr = session.client("ecr", endpoint_url=args.endpoint)
sts = session.client("sts", endpoint_url=args.endpoint)
lock = threading.Lock()
calls = 0


def count(n=1):
    global calls
    with lock:
        calls += n


sts.get_caller_identity()
count()
repositories = []
for page in ecr.get_paginator("describe_repositories").paginate():  # the server pages (ECR: 1,000 a page)
    count()
    repositories += page["repositories"]


def read(repository):
    name = repository["repositoryName"]
    state = {"tags": ecr.list_tags_for_resource(resourceArn=repository["repositoryArn"])["tags"]}
    try:
        state["lifecycle"] = json.loads(ecr.get_lifecycle_policy(repositoryName=name)["lifecyclePolicyText"])
    except ecr.exceptions.LifecyclePolicyNotFoundException:
        state["lifecycle"] = None
    try:
        state["policy"] = json.loads(ecr.get_repository_policy(repositoryName=name)["policyText"])
    except ecr.exceptions.RepositoryPolicyNotFoundException:
        state["policy"] = None
    count(3)
    return state


with ThreadPoolExecutor(max_workers=args.parallelism) as pool:
    states = list(pool.map(read, repositories))
ecr.describe_registry()
ecr.get_registry_scanning_configuration()
count(2)
print(json.dumps({"calls": calls, "repositories": len(states)}))
