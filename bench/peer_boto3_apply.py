#!/usr/bin/env python3
"""The apply peer: what a Python user would write to create N fully configured repositories
(the same calls ecr-apply's apply makes: CreateRepository with tags, mutability, scanning and
encryption, then PutLifecyclePolicy and SetRepositoryPolicy), with a pool of 8 threads, boto3's
defaults otherwise. Prints {"calls": N}.

Usage: peer_boto3_apply.py ENDPOINT N LIFECYCLE.json POLICY.json [--threads 8]
"""
import argparse, json
from concurrent.futures import ThreadPoolExecutor

import boto3

parser = argparse.ArgumentParser()
parser.add_argument("endpoint")
parser.add_argument("n", type=int)
parser.add_argument("lifecycle")
parser.add_argument("policy")
parser.add_argument("--threads", type=int, default=8)
args = parser.parse_args()

ecr = boto3.session.Session(region_name="us-east-1").client("ecr", endpoint_url=args.endpoint)
lifecycle, policy = open(args.lifecycle).read(), open(args.policy).read()


def create(i):
    name = f"app/service-{i:05d}"
    ecr.create_repository(repositoryName=name, imageTagMutability="IMMUTABLE", imageScanningConfiguration={"scanOnPush": True},
                          encryptionConfiguration={"encryptionType": "AES256"},
                          tags=[{"Key": "managed-by", "Value": "ecr-apply"}, {"Key": "team", "Value": f"team-{i % 10}"}])
    ecr.put_lifecycle_policy(repositoryName=name, lifecyclePolicyText=lifecycle)
    ecr.set_repository_policy(repositoryName=name, policyText=policy)


with ThreadPoolExecutor(max_workers=args.threads) as pool:
    list(pool.map(create, range(args.n)))
print(json.dumps({"calls": 3 * args.n}))
