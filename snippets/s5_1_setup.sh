#!/usr/bin/env bash
# 本站添加（以上 shebang 与下面两行）：让 ShellCheck 知道这是 bash 脚本；
# env/bin/activate 要等 `python3 -m venv env` 运行后才存在，无从检查，故不追踪它（SC1091）。
# shellcheck disable=SC1091

# --8<-- [start:article]
# 安装 Python
sudo apt-get update
sudo apt-get install python3-pip python3-venv

# 创建虚拟环境
python3 -m venv env

# 激活虚拟环境
source env/bin/activate

# 安装必要的库
pip install tensorflow numpy matplotlib
# --8<-- [end:article]
