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
